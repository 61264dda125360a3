/** `org` arguments accept an org id or its alias ('acme', 'globex'). */
export type OrgRef = string;

export class EmulatorControlError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`emulator control call failed with ${status}: ${JSON.stringify(body)}`);
  }
}

/**
 * One authenticated call to the control API (`/__emulator`, header `x-emulator-key`). The
 * concerns built on it (records and CDC, bulk, then EmulatorControl) extend one another only so
 * that callers hold a single object.
 */
export class ControlTransport {
  readonly baseUrl: string;
  private readonly controlKey: string;

  constructor(opts: { baseUrl: string; controlKey: string }) {
    this.baseUrl = opts.baseUrl.replace(/\/$/, '');
    this.controlKey = opts.controlKey;
  }

  protected async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/__emulator${path}`, {
      method,
      headers: {
        'x-emulator-key': this.controlKey,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new EmulatorControlError(res.status, parsed);
    return parsed as T;
  }

  /** A path under one org, e.g. `orgPath('acme', '/events')`. */
  protected orgPath(org: OrgRef, rest: string): string {
    return `/orgs/${encodeURIComponent(org)}${rest}`;
  }
}
