import { type Dependency, depends } from '@sluice/core'
import {
  convertIPv6BinaryToString,
  convertIPv6ToBinary,
  distinctRemoteAddr,
} from 'hono/utils/ipaddr'
import { clientAddressOf, UNKNOWN_CLIENT } from './client-address'

/** Options of {@link clientKey} and {@link clientKeyOf}. */
export interface ClientKeyOptions {
  /**
   * How many leading bits of an IPv6 address name one client; default 64. An
   * ISP hands each customer at least a /64 (often a /56 or /48), and a host picks
   * any address in it at will, so counting per address gives it 2^64 buckets.
   */
  readonly ipv6Prefix?: number
}

const DEFAULT_IPV6_PREFIX = 64
const IPV4_MAPPED = 0xffffn

/**
 * The rate limit key of a client address: an IPv4 address as it is; an
 * IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, how a dual-stack Node server
 * sees IPv4 peers) as its IPv4 address; any other IPv6 address as its network,
 * `2001:db8:1:2::/64` by default. Anything else (no address, a name) is returned unchanged.
 *
 * @example
 * ```ts
 * clientKeyOf('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 * clientKeyOf('::ffff:192.0.2.1') // '192.0.2.1'
 * clientKeyOf('2001:db8:1:2:aaaa::1', { ipv6Prefix: 56 }) // '2001:db8:1::/56'
 * ```
 */
export function clientKeyOf(address: string, options: ClientKeyOptions = {}): string {
  const prefix = checkedPrefix(options.ipv6Prefix)
  if (distinctRemoteAddr(address) !== 'IPv6') return address
  let bits: bigint
  try {
    bits = convertIPv6ToBinary(address)
  } catch {
    return address
  }
  if (bits >> 32n === IPV4_MAPPED) return ipv4Of(bits)
  const host = 128n - BigInt(prefix)
  return `${convertIPv6BinaryToString((bits >> host) << host)}/${prefix}`
}

/**
 * The default key of {@link rateLimit}: the client's address
 * ({@link clientAddressOf}) as {@link clientKeyOf} counts it, so one IPv6
 * client's /64 is one bucket. Requests whose address the runtime cannot tell
 * all count in one bucket, {@link UNKNOWN_CLIENT}, so they are limited together
 * rather than not at all.
 *
 * @example
 * ```ts
 * // Count IPv6 clients per /56, e.g. for a network whose ISPs hand out /56s.
 * const perClient = rateLimit({ points: 100, duration: 60, key: clientKey({ ipv6Prefix: 56 }) })
 * // Per (account, client): guesses at one account from one client.
 * const accountAndClient = depends({ client: clientKey() }, ...)
 * ```
 */
export function clientKey(options: ClientKeyOptions = {}): Dependency<string, 'request'> {
  const prefix = checkedPrefix(options.ipv6Prefix)
  return depends(
    (_, { c }) => {
      const address = clientAddressOf(c)
      return address === undefined ? UNKNOWN_CLIENT : clientKeyOf(address, { ipv6Prefix: prefix })
    },
    { name: `clientKey /${prefix}` },
  )
}

function checkedPrefix(prefix = DEFAULT_IPV6_PREFIX): number {
  if (!Number.isInteger(prefix) || prefix < 1 || prefix > 128)
    throw new RangeError(`ipv6Prefix must be an integer from 1 to 128, not ${prefix}`)
  return prefix
}

function ipv4Of(bits: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => (bits >> shift) & 0xffn).join('.')
}
