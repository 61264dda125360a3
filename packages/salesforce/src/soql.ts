/** Small SOQL building helpers: we interpolate ids and names, so validate and escape them. */

const NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** An sObject or field name (relationship paths like Account.Name allowed). */
export function soqlName(name: string): string {
  if (!NAME.test(name)) throw new TypeError(`Not a valid SOQL name: ${JSON.stringify(name)}`);
  return name;
}

/** A quoted SOQL string literal. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/**
 * Split values into IN-list chunks that keep the GET URL well under Salesforce's ~16 KB limit.
 * Duplicates are dropped: an IN list never needs a value twice.
 */
export function chunkForIn(values: readonly string[], maxCount = 200, maxChars = 4500): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const value of new Set(values)) {
    const cost = soqlString(value).length + 1;
    if (current.length > 0 && (current.length >= maxCount || chars + cost > maxChars)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(value);
    chars += cost;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export function inList(values: readonly string[]): string {
  return `(${values.map(soqlString).join(',')})`;
}
