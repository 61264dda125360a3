import { isIPv4, isIPv6 } from 'node:net';

/**
 * The address a login attempt is counted against. `req.ip` already honours TRUST_PROXY (Express's
 * `trust proxy`). An IPv4 client reached over IPv6 counts as its IPv4 address; an IPv6 client
 * counts as its /64, since one subscriber is handed a whole /64 and could otherwise rotate
 * through fresh addresses for fresh allowances.
 */
export function clientAddress(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(ip: string): string[] {
  const [head = '', tail] = ip.split('%')[0]!.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (a.b.c.d) fills two groups.
  const used = [...left, ...right].reduce((n, group) => n + (group.includes('.') ? 2 : 1), 0);
  const groups = tail === undefined ? left : [...left, ...Array(8 - used).fill('0'), ...right];
  return groups.map((group) => group.replace(/^0+(?=.)/, ''));
}
