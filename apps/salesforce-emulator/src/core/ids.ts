// Salesforce record ids: 15 case-sensitive chars plus a 3-char checksum that encodes which of the
// first 15 chars are upper case, so the 18-char form survives case-insensitive systems.
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export function checksumSuffix(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    out += SUFFIX.charAt(bits);
  }
  return out;
}

function base62(n: number, width: number): string {
  let s = '';
  let v = n;
  for (let i = 0; i < width; i++) {
    s = BASE62.charAt(v % 62) + s;
    v = Math.floor(v / 62);
  }
  return s;
}

/** Builds an 18-char id; the fixed-width counter keeps ids sortable in creation order. */
export function makeId(prefix: string, pod: string, counter: number): string {
  const id15 = `${prefix}${pod}${base62(counter, 15 - prefix.length - pod.length)}`;
  return id15 + checksumSuffix(id15);
}

/** Per-prefix counters: each emulator instance allocates ids independently and deterministically. */
export class IdAllocator {
  private readonly counters: Map<string, number>;
  /** `counters` continues a saved allocator (see persist/), so no id is handed out twice. */
  constructor(
    private readonly pod = '5g00',
    counters: Record<string, number> = {},
  ) {
    this.counters = new Map(Object.entries(counters));
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counters);
  }

  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return makeId(prefix, this.pod, n);
  }
}

export const KEY_PREFIX = {
  Contact: '003',
  Lead: '00Q',
  Task: '00T',
  User: '005',
  Organization: '00D',
  PlatformEventChannelMember: '0v8',
} as const;
