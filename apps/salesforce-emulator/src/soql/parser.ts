import type { CompareOp, Expr, Literal, OrderItem, SoqlQuery } from './ast.ts';
import { malformed } from './errors.ts';
import { type Token, tokenize } from './lexer.ts';

const RESERVED = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'ORDER',
  'BY',
  'LIMIT',
  'OFFSET',
  'AND',
  'OR',
  'NOT',
  'IN',
  'LIKE',
  'ASC',
  'DESC',
  'NULLS',
]);

/** Recursive-descent parser for the SOQL subset the emulator supports. */
class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i] ?? { kind: 'eof', text: '', pos: 0 };
  }

  private next(): Token {
    const t = this.peek();
    this.i++;
    return t;
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.kind === 'ident' && t.text.toUpperCase() === word;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.i++;
    return true;
  }

  private expectKeyword(word: string): void {
    if (!this.acceptKeyword(word)) this.unexpected();
  }

  private expectPunct(p: string): void {
    const t = this.next();
    if (t.kind !== 'punct' || t.text !== p) this.unexpected(t);
  }

  private unexpected(t: Token = this.peek()): never {
    throw malformed(`unexpected token: '${t.kind === 'eof' ? 'EOF' : t.text}'`);
  }

  private fieldName(): string {
    const t = this.next();
    if (t.kind !== 'ident' || RESERVED.has(t.text.toUpperCase())) this.unexpected(t);
    return t.text;
  }

  parse(): SoqlQuery {
    this.expectKeyword('SELECT');
    const select = this.selectList();
    this.expectKeyword('FROM');
    const from = this.fieldName();
    const where = this.acceptKeyword('WHERE') ? this.orExpr() : undefined;
    const orderBy: OrderItem[] = [];
    if (this.acceptKeyword('ORDER')) {
      this.expectKeyword('BY');
      do orderBy.push(this.orderItem());
      while (this.acceptPunct(','));
    }
    const limit = this.acceptKeyword('LIMIT') ? this.integer() : undefined;
    const offset = this.acceptKeyword('OFFSET') ? this.integer() : undefined;
    if (this.peek().kind !== 'eof') this.unexpected();
    return { select, from, where, orderBy, limit, offset };
  }

  private acceptPunct(p: string): boolean {
    const t = this.peek();
    if (t.kind !== 'punct' || t.text !== p) return false;
    this.i++;
    return true;
  }

  private selectList(): string[] | 'count' {
    if (this.isKeyword('COUNT') && this.tokens[this.i + 1]?.text === '(') {
      this.i++;
      this.expectPunct('(');
      this.expectPunct(')');
      return 'count';
    }
    const fields = [this.fieldName()];
    while (this.acceptPunct(',')) fields.push(this.fieldName());
    return fields;
  }

  private integer(): number {
    const t = this.next();
    if (t.kind !== 'number' || !/^\d+$/.test(t.text)) this.unexpected(t);
    return Number(t.text);
  }

  private orderItem(): OrderItem {
    const field = this.fieldName();
    const desc = this.acceptKeyword('DESC');
    if (!desc) this.acceptKeyword('ASC');
    let nullsLast = desc;
    if (this.acceptKeyword('NULLS')) {
      if (this.acceptKeyword('LAST')) nullsLast = true;
      else if (this.acceptKeyword('FIRST')) nullsLast = false;
      else this.unexpected();
    }
    return { field, desc, nullsLast };
  }

  private orExpr(): Expr {
    let left = this.andExpr();
    while (this.acceptKeyword('OR')) left = { kind: 'or', left, right: this.andExpr() };
    return left;
  }

  private andExpr(): Expr {
    let left = this.unary();
    while (this.acceptKeyword('AND')) left = { kind: 'and', left, right: this.unary() };
    return left;
  }

  private unary(): Expr {
    if (this.acceptKeyword('NOT')) return { kind: 'not', expr: this.unary() };
    if (this.acceptPunct('(')) {
      const inner = this.orExpr();
      this.expectPunct(')');
      return inner;
    }
    return this.condition();
  }

  private condition(): Expr {
    const field = this.fieldName();
    if (this.acceptKeyword('NOT')) {
      this.expectKeyword('IN');
      return { kind: 'in', field, negated: true, values: this.literalList() };
    }
    if (this.acceptKeyword('IN')) return { kind: 'in', field, negated: false, values: this.literalList() };
    if (this.acceptKeyword('LIKE')) return { kind: 'cmp', field, op: 'LIKE', value: this.literal() };
    const op = this.next();
    if (op.kind !== 'op') this.unexpected(op);
    return { kind: 'cmp', field, op: op.text as CompareOp, value: this.literal() };
  }

  private literalList(): Literal[] {
    this.expectPunct('(');
    const values = [this.literal()];
    while (this.acceptPunct(',')) values.push(this.literal());
    this.expectPunct(')');
    return values;
  }

  private literal(): Literal {
    const t = this.next();
    switch (t.kind) {
      case 'string':
        return { type: 'string', value: t.text };
      case 'number':
        return { type: 'number', value: Number(t.text) };
      case 'datetime': {
        const ms = Date.parse(t.text);
        if (Number.isNaN(ms))
          throw malformed(`line 1:${t.pos} no viable alternative at character '${t.text}'`);
        return { type: 'datetime', value: new Date(ms).toISOString() };
      }
      case 'date':
        return { type: 'date', value: t.text };
      case 'ident': {
        const word = t.text.toUpperCase();
        if (word === 'TRUE' || word === 'FALSE') return { type: 'boolean', value: word === 'TRUE' };
        if (word === 'NULL') return { type: 'null', value: null };
        return this.unexpected(t);
      }
      default:
        return this.unexpected(t);
    }
  }
}

export function parseSoql(source: string): SoqlQuery {
  return new Parser(tokenize(source)).parse();
}
