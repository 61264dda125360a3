// Injected failures for resilience tests; every fault is explicit and cleared by reset.
interface FailureRule {
  remaining: number;
  status: 500 | 503;
  pathContains: string;
}

export class Faults {
  private rules: FailureRule[] = [];
  latencyMs = 0;

  failNext(count: number, status: 500 | 503, pathContains = '/services/data/'): void {
    this.rules.push({ remaining: count, status, pathContains });
  }

  /** Consumes one matching failure, if any is armed for this path. */
  take(path: string): 500 | 503 | undefined {
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
