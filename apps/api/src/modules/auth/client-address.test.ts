import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.ts';

describe('clientAddress', () => {
  it.each([
    ['an IPv4 address', '203.0.113.9', '203.0.113.9'],
    ['an IPv4 client seen over IPv6', '::ffff:127.0.0.1', '127.0.0.1'],
    ['an IPv6 address, by its /64', '2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['a compressed IPv6 address', '2001:db8::1', '2001:db8:0:0::/64'],
    ['leading zeros and a zone', '2001:0db8:0000:0001::1%eth0', '2001:db8:0:1::/64'],
    ['IPv6 loopback', '::1', '0:0:0:0::/64'],
    ['no address at all', undefined, 'unknown'],
  ])('counts %s as one client', (_name, ip, expected) => {
    expect(clientAddress(ip)).toBe(expected);
  });

  it('puts every address of one /64 under one key', () => {
    expect(clientAddress('2001:db8:5:6::1')).toBe(clientAddress('2001:db8:5:6:ffff:ffff:ffff:fffe'));
  });
});
