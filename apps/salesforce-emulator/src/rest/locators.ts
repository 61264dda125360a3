import type { FieldDef, ObjectDef } from '../store/schema.ts';
import type { SfRecord } from '../store/types.ts';

export interface Cursor {
  id: string;
  orgId: string;
  /** The access token (session) that opened the cursor: the cursor dies with it. */
  token: string;
  def: ObjectDef;
  fields: FieldDef[];
  rows: SfRecord[];
  batchSize: number;
  expiresAt: number;
}

/** Query locators: a snapshot of the result rows, paged by `<locator>-<offset>` URLs. */
export class LocatorStore {
  private readonly cursors = new Map<string, Cursor>();
  private counter = 0;

  create(c: Omit<Cursor, 'id'>, now: number): Cursor {
    this.sweep(now);
    this.counter++;
    const id = `01g5g00000${this.counter.toString(36).padStart(8, '0')}`;
    const cursor = { ...c, id };
    this.cursors.set(id, cursor);
    return cursor;
  }

  get(id: string, now: number): Cursor | undefined {
    const c = this.cursors.get(id);
    if (!c || c.expiresAt <= now) return undefined;
    return c;
  }

  private sweep(now: number): void {
    for (const [id, c] of this.cursors) if (c.expiresAt <= now) this.cursors.delete(id);
  }

  clear(): void {
    this.cursors.clear();
  }
}
