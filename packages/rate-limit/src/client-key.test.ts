import { describe, expect, test } from 'vitest'
import { clientKeyOf } from './client-key'

describe('clientKeyOf', () => {
  test.each([
    ['192.0.2.1', '192.0.2.1'],
    // How a dual-stack Node server sees an IPv4 peer: the same client as over IPv4.
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['::FFFF:c000:0201', '192.0.2.1'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:0000:0000:0000:0001', '2001:db8:1:2::/64'],
    ['::1', '::/64'],
    ['fe80::1%eth0', 'fe80::/64'],
    // Not an address the runtime would give: counted as it is.
    ['unknown-client', 'unknown-client'],
    ['2001:db8:::1', '2001:db8:::1'],
    ['', ''],
  ])('%s → %s', (address, key) => {
    expect(clientKeyOf(address)).toBe(key)
  })

  test('every address of one /64 is one client; the next /64 is another', () => {
    const keys = new Set(
      ['2001:db8::1', '2001:db8::ffff:ffff:ffff:ffff', '2001:db8::abcd:1234'].map((address) =>
        clientKeyOf(address),
      ),
    )
    expect([...keys]).toEqual(['2001:db8::/64'])
    expect(clientKeyOf('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64')
  })

  test('the prefix is configurable, and checked', () => {
    expect(clientKeyOf('2001:db8:1:2ff::1', { ipv6Prefix: 56 })).toBe('2001:db8:1:200::/56')
    expect(clientKeyOf('2001:db8:1:2::1', { ipv6Prefix: 48 })).toBe('2001:db8:1::/48')
    expect(clientKeyOf('2001:db8::1', { ipv6Prefix: 128 })).toBe('2001:db8::1/128')
    expect(clientKeyOf('::ffff:192.0.2.1', { ipv6Prefix: 48 })).toBe('192.0.2.1')
    for (const ipv6Prefix of [0, 129, 64.5]) {
      expect(() => clientKeyOf('2001:db8::1', { ipv6Prefix })).toThrow(RangeError)
    }
  })
})
