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
  latencyMs = 0;

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

  pending(): number {
    return this.rules.reduce((n, r) => n + r.remaining, 0);
  }

  clear(): void {
    this.rules = [];
    this.latencyMs = 0;
  }
}
