import { malformed } from './errors.ts';

export type Token =
  | { kind: 'ident'; text: string; pos: number }
  | { kind: 'string'; text: string; pos: number }
  | { kind: 'number'; text: string; pos: number }
  | { kind: 'datetime'; text: string; pos: number }
  | { kind: 'date'; text: string; pos: number }
  | { kind: 'op'; text: string; pos: number }
  | { kind: 'punct'; text: string; pos: number }
  | { kind: 'eof'; text: ''; pos: number };

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;
const NUMBER = /^-?\d+(?:\.\d+)?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_.]*/;
const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
  _: '\\_',
  '%': '\\%',
};

/** Splits SOQL into tokens; literals keep their exact text so the parser can type them. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = source.slice(i);
    if (c === "'") {
      const start = i;
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length)
          throw malformed(`unexpected token: 'EOF' (unterminated string at position ${start})`);
        const ch = source.charAt(i);
        if (ch === '\\') {
          const next = source.charAt(i + 1);
          const mapped = ESCAPES[next];
          if (mapped === undefined)
            throw malformed(
              `Invalid string literal '${source.slice(start, i + 2)}'. Illegal character sequence '\\${next}' in string literal.`,
            );
          text += mapped;
          i += 2;
          continue;
        }
        if (ch === "'") break;
        text += ch;
        i++;
      }
      i++;
      tokens.push({ kind: 'string', text, pos: start });
      continue;
    }
    const dt = DATETIME.exec(rest) ?? undefined;
    if (dt) {
      tokens.push({ kind: 'datetime', text: dt[0], pos: i });
      i += dt[0].length;
      continue;
    }
    const d = DATE.exec(rest) ?? undefined;
    if (d) {
      tokens.push({ kind: 'date', text: d[0], pos: i });
      i += d[0].length;
      continue;
    }
    const num = NUMBER.exec(rest) ?? undefined;
    if (num && (c !== '-' || /\d/.test(source.charAt(i + 1)))) {
      tokens.push({ kind: 'number', text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const id = IDENT.exec(rest) ?? undefined;
    if (id) {
      tokens.push({ kind: 'ident', text: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    const op = /^(<=|>=|!=|<>|=|<|>)/.exec(rest) ?? undefined;
    if (op) {
      tokens.push({ kind: 'op', text: op[0] === '<>' ? '!=' : op[0], pos: i });
      i += op[0].length;
      continue;
    }
    if (c === ',' || c === '(' || c === ')') {
      tokens.push({ kind: 'punct', text: c, pos: i });
      i++;
      continue;
    }
    throw malformed(`unexpected token: '${c}'`);
  }
  tokens.push({ kind: 'eof', text: '', pos: source.length });
  return tokens;
}
