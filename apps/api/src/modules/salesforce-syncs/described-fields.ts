import type { SyncFieldView } from '@ch/contracts';
import type { SyncObject } from '@ch/db';
import type { FieldDescribe, SalesforceClient } from '@ch/salesforce';
import { AppError } from '../../http/app-error.ts';
import { type ChosenField, isRequiredField, VERSION_FIELDS } from '../../sync/fields.ts';
import { SALESFORCE_NAME } from '../../wire-names/objects.ts';

// Compound and binary fields: a SOQL list of many rows cannot carry them usefully (base64 is
// refused), and their parts are separate fields an admin can choose instead.
const NOT_CHOOSABLE = new Set(['address', 'location', 'base64', 'complexvalue']);

/**
 * The object's fields the connected user can read, as describe lists them (field-level security
 * already applied by Salesforce: a hidden field is absent), without those no query can keep.
 */
export async function describedFields(
  client: SalesforceClient,
  object: SyncObject,
): Promise<FieldDescribe[]> {
  const described = await client.describe(SALESFORCE_NAME[object]);
  return described.fields.filter((field) => !NOT_CHOOSABLE.has(field.type) && field.name !== 'IsDeleted');
}

/** The list the Fields control shows: required ones first, then the rest by label. */
export function fieldViews(
  object: SyncObject,
  described: readonly FieldDescribe[],
  chosen: ReadonlySet<string>,
): SyncFieldView[] {
  const views = described.map((field) => {
    const required = isRequiredField(object, field.name);
    return {
      name: field.name,
      label: field.label,
      type: field.type,
      custom: field.custom,
      required,
      selected: required || chosen.has(field.name),
    };
  });
  return views.sort(
    (a, b) => Number(b.required) - Number(a.required) || a.label.localeCompare(b.label, 'en'),
  );
}

/**
 * The admin's chosen names checked against describe: each must be a readable field of the object,
 * or it is a 400 naming it (so no name reaches SOQL unchecked). Required names are dropped (kept
 * anyway); the rest are stored with describe's label and type.
 */
export function resolveChosen(
  object: SyncObject,
  described: readonly FieldDescribe[],
  names: readonly string[],
): ChosenField[] {
  const byName = new Map(described.map((field) => [field.name, field]));
  const issues = names.flatMap((name, index) =>
    byName.has(name) || (VERSION_FIELDS as readonly string[]).includes(name)
      ? []
      : [
          {
            path: `fields.${index}`,
            message: `${name} is not a field of ${SALESFORCE_NAME[object]} the connected Salesforce user can read`,
          },
        ],
  );
  if (issues.length > 0) {
    const unknown = issues.map((issue) => issue.message.split(' ')[0]).join(', ');
    throw new AppError(
      'bad_request',
      `The ${SALESFORCE_NAME[object]} sync is invalid: Salesforce has no readable field named ${unknown}`,
      issues,
    );
  }
  const seen = new Set<string>();
  return names.flatMap((name) => {
    if (seen.has(name) || isRequiredField(object, name) || !byName.has(name)) return [];
    seen.add(name);
    const field = byName.get(name)!;
    return [{ name, label: field.label, type: field.type, custom: field.custom }];
  });
}
