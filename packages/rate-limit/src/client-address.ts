import type { Context } from 'hono'

/** The bucket of requests whose address the runtime cannot tell (see {@link clientKey}). */
export const UNKNOWN_CLIENT = 'unknown-client'

/** What the runtimes hand Hono as `c.env`, as far as the client's address goes. */
interface RuntimeEnv {
  /** @hono/node-server: the Node request, whose socket knows the peer. */
  readonly incoming?: { readonly socket?: { readonly remoteAddress?: string } }
  /** Bun: `Bun.serve`'s server, when `fetch: app.fetch` hands it over. */
  readonly requestIP?: (request: Request) => { readonly address: string } | null
  /** Deno: `Deno.serve`'s handler info. */
  readonly remoteAddr?: { readonly hostname?: string }
}

/**
 * The address of the peer that sent the request, from whatever the runtime
 * gives: Node's socket, Bun's `server.requestIP()`, Deno's `remoteAddr`, or on
 * Cloudflare Workers the `CF-Connecting-IP` header Cloudflare sets (read there
 * only: anywhere else a client could write it). `undefined` when none applies,
 * e.g. for `app.request()` in tests.
 *
 * Behind a reverse proxy this is the proxy's address: read the address your
 * proxy forwards (and only trust it from the proxy) in a `key` of your own,
 * through {@link clientKeyOf}.
 */
export function clientAddressOf(c: Context): string | undefined {
  const env = (c.env ?? {}) as RuntimeEnv
  return (
    env.incoming?.socket?.remoteAddress ??
    env.requestIP?.(c.req.raw)?.address ??
    env.remoteAddr?.hostname ??
    (onCloudflare ? c.req.header('cf-connecting-ip') : undefined)
  )
}

const onCloudflare = globalThis.navigator?.userAgent === 'Cloudflare-Workers'
