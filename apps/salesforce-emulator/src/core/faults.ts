// Injected failures for resilience tests; every fault is explicit and cleared by reset.
/** 401: the session ends as the request arrives (its token expires), as after a session timeout. */
export type FaultStatus = 401 | 500 | 503;

interface FailureRule {
  remaining: number;
  status: FaultStatus;
  pathContains: string;
}

export class Faults {
  private rules: FailureRule[] = [];
  /** Requests whose work is done but whose answer is lost: the connection is reset instead. */
  private resets: { remaining: number; pathContains: string }[] = [];
  /** Record id -> how many more saves touching it are refused as if another transaction held it. */
  private locks = new Map<string, number>();
  latencyMs = 0;
  /** Only requests whose path contains this are delayed (all REST requests when unset). */
  latencyPath: string | undefined;

  latencyFor(path: string): number {
    return this.latencyPath === undefined || path.includes(this.latencyPath) ? this.latencyMs : 0;
  }

  failNext(count: number, status: FaultStatus, pathContains = '/services/data/'): void {
    this.rules.push({ remaining: count, status, pathContains });
  }

  /** Consumes one matching failure, if any is armed for this path. */
  take(path: string): FaultStatus | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && path.includes(r.pathContains));
    if (!rule) return undefined;
    rule.remaining--;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return rule.status;
  }

  resetAfterNext(count: number, pathContains = '/services/data/'): void {
    this.resets.push({ remaining: count, pathContains });
  }

  /** Consumes one armed reset for this path, if any. */
  takeReset(path: string): boolean {
    const rule = this.resets.find((r) => r.remaining > 0 && path.includes(r.pathContains));
    if (!rule) return false;
    rule.remaining--;
    this.resets = this.resets.filter((r) => r.remaining > 0);
    return true;
  }

  lockRecords(ids: string[], count: number): void {
    for (const id of ids) this.locks.set(id, count);
  }

  /**
   * Consumes one refusal for the first locked record a save touches (its Id, or a reference
   * such as a Task's WhoId: Salesforce locks the parent too) and returns that id.
   */
  takeLock(record: Record<string, unknown>): string | undefined {
    for (const value of Object.values(record)) {
      if (typeof value !== 'string') continue;
      const left = this.locks.get(value);
      if (left === undefined) continue;
      if (left <= 1) this.locks.delete(value);
      else this.locks.set(value, left - 1);
      return value;
    }
    return undefined;
  }

  pending(): number {
    return this.rules.reduce((n, r) => n + r.remaining, 0);
  }

  clear(): void {
    this.rules = [];
    this.resets = [];
    this.locks.clear();
    this.latencyMs = 0;
    this.latencyPath = undefined;
  }
}
