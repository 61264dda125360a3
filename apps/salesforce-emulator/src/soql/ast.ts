export type Literal =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'datetime'; value: string }
  | { type: 'date'; value: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'null'; value: null };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE';

export type Expr =
  | { kind: 'cmp'; field: string; op: CompareOp; value: Literal }
  | { kind: 'in'; field: string; negated: boolean; values: Literal[] }
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr };

export interface OrderItem {
  field: string;
  desc: boolean;
  nullsLast: boolean;
}

export interface SoqlQuery {
  /** 'count' for SELECT COUNT(). */
  select: string[] | 'count';
  from: string;
  where: Expr | undefined;
  orderBy: OrderItem[];
  limit: number | undefined;
  offset: number | undefined;
}
