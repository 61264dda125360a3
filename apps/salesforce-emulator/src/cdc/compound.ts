// Salesforce sends compound fields nested in change events ("Get Compound Fields in Change
// Events"): a Contact's FirstName arrives as Name.FirstName, MailingCity as MailingAddress.City,
// a Lead's City as Address.City. The records store them flat, as the REST API shows them.
type Component = readonly [compound: string, component: string];

const NAME: Record<string, Component> = {
  FirstName: ['Name', 'FirstName'],
  LastName: ['Name', 'LastName'],
};

const ADDRESS_PARTS = ['Street', 'City', 'State', 'PostalCode', 'Country'] as const;

/** MailingCity -> MailingAddress.City; with no prefix (Lead) City -> Address.City. */
const address = (prefix: string): Record<string, Component> =>
  Object.fromEntries(ADDRESS_PARTS.map((part) => [`${prefix}${part}`, [`${prefix}Address`, part] as const]));

export const COMPOUND_FIELDS: Record<string, Record<string, Component>> = {
  Contact: { ...NAME, ...address('Mailing') },
  Lead: { ...NAME, ...address('') },
};

/**
 * The event body and changedFields for flat record values: components go into their compound
 * field's nested object (only those given, as an UPDATE names only what changed), and
 * changedFields names them `Compound.Component`.
 */
export function nestCompound(
  entity: string,
  flat: Record<string, unknown>,
): { body: Record<string, unknown>; names: string[] } {
  const map = COMPOUND_FIELDS[entity] ?? {};
  const body: Record<string, unknown> = {};
  const names: string[] = [];
  for (const [key, value] of Object.entries(flat)) {
    const component = map[key];
    if (!component) {
      body[key] = value;
      names.push(key);
      continue;
    }
    const [compound, part] = component;
    const nested = (body[compound] ?? {}) as Record<string, unknown>;
    nested[part] = value;
    body[compound] = nested;
    names.push(`${compound}.${part}`);
  }
  return { body, names };
}
