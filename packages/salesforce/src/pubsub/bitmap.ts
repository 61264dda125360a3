/** The slice of an Avro record schema the bitmaps index into (avsc's RecordType has it). */
export interface RecordShape {
  fields: readonly { name: string; type: unknown }[];
}

/** The positions of the set bits of a `0x…` hex string, bit 0 being the least significant. */
function setBits(hex: string): number[] {
  const digits = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  if (!/^[0-9a-fA-F]+$/.test(digits)) return [];
  const positions: number[] = [];
  // Read from the last hex digit (bits 0-3) towards the first, four bits at a time.
  for (let i = 0; i < digits.length; i += 1) {
    const nibble = Number.parseInt(digits[digits.length - 1 - i]!, 16);
    for (let bit = 0; bit < 4; bit += 1) if (nibble & (1 << bit)) positions.push(i * 4 + bit);
  }
  return positions;
}

/** The record schema inside a field's type: a record itself, or the record branch of a union with null. */
export function nestedRecord(type: unknown): RecordShape | undefined {
  const candidate = type as { fields?: unknown; types?: unknown[] } | undefined;
  if (Array.isArray(candidate?.fields)) return candidate as RecordShape;
  for (const branch of candidate?.types ?? (Array.isArray(type) ? type : [])) {
    const found = nestedRecord(branch);
    if (found) return found;
  }
  return undefined;
}

/**
 * Field names from a ChangeEventHeader bitmap field (changedFields, nulledFields, diffFields) as
 * the Pub/Sub API sends them ("Event Deserialization Considerations" in Salesforce's Pub/Sub API
 * guide): the first element, `0x…`, sets bit i for the i-th field of the event schema; each further
 * element, `p-0x…`, sets bit j for the j-th field of the compound field at position p, named
 * `Parent.Child` as CometD names them. A list of plain names (CometD style) passes through.
 */
export function bitmapFieldNames(schema: RecordShape, bitmaps: readonly string[]): string[] {
  const names: string[] = [];
  for (const entry of bitmaps) {
    const nested = /^(\d+)-(0x[0-9a-fA-F]+)$/.exec(entry);
    if (nested) {
      const parent = schema.fields[Number(nested[1])];
      const record = parent && nestedRecord(parent.type);
      if (!parent || !record) continue;
      for (const bit of setBits(nested[2]!)) {
        const child = record.fields[bit];
        if (child) names.push(`${parent.name}.${child.name}`);
      }
    } else if (/^0x[0-9a-fA-F]+$/.test(entry)) {
      for (const bit of setBits(entry)) {
        const field = schema.fields[bit];
        if (field) names.push(field.name);
      }
    } else {
      names.push(entry);
    }
  }
  return names;
}
