// Pub/Sub sends changedFields, nulledFields and diffFields as bitmaps over the Avro schema's field
// order ("Event Deserialization Considerations"): the first string sets bit i for top-level field
// i, each compound field adds "{position}-{bitmap of its nested fields}". Bit 0 is the lowest bit;
// the hex is upper case, whole bytes, after "0x".

export interface BitmapField {
  name: string;
  /** Nested field names of a compound field (Name, MailingAddress), in schema order. */
  children?: string[];
}

function hex(bits: bigint): string {
  const digits = bits.toString(16).toUpperCase();
  return `0x${digits.length % 2 === 1 ? `0${digits}` : digits}`;
}

/**
 * Encodes field names (`Phone`, or `Name.LastName` for a component) against the schema's
 * top-level fields. The plain bitmap comes first and is left out when no plain field is named,
 * so a change of components only is `["4-0x02"]`.
 */
export function fieldBitmap(fields: readonly BitmapField[], names: readonly string[]): string[] {
  let top = 0n;
  const nested = new Map<number, bigint>();
  for (const name of names) {
    const [parent = '', child] = name.split('.');
    const position = fields.findIndex((f) => f.name === parent);
    const field = fields[position];
    if (!field) continue;
    if (child === undefined) {
      top |= 1n << BigInt(position);
      continue;
    }
    const index = field.children?.indexOf(child) ?? -1;
    if (index < 0) continue;
    nested.set(position, (nested.get(position) ?? 0n) | (1n << BigInt(index)));
  }
  const out = top === 0n ? [] : [hex(top)];
  for (const [position, bits] of [...nested].sort(([a], [b]) => a - b)) out.push(`${position}-${hex(bits)}`);
  return out;
}
