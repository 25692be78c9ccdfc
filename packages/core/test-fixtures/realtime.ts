/**
 * The security dependency of the WebSocket and server-sent events tests: a
 * bearer token from `?token=` or, as browsers send it on a WebSocket, from
 * `Sec-WebSocket-Protocol: bearer, <token>`.
 */
import { once } from 'node:events'
import { connect } from 'node:net'
import * as v from 'valibot'
import WebSocket from 'ws'
import { depends, HTTPException } from '../src/index'

export interface User {
  readonly name: string
  readonly rooms: readonly string[]
  /** The scopes the user's token grants. */
  readonly scopes: readonly string[]
}

export const USERS: Readonly<Record<string, User>> = {
  'alice-token': { name: 'alice', rooms: ['general', 'alice-private'], scopes: ['chat:read'] },
  'bob-token': { name: 'bob', rooms: ['general', 'bob-private'], scopes: ['chat:write'] },
}

/** The token from the query, else from the subprotocols `bearer, <token>`. */
export const token = depends(
  {
    query: v.object({ token: v.optional(v.string()) }),
    headers: v.object({ sec_websocket_protocol: v.optional(v.string()) }),
  },
  ({ query, headers }) => {
    const [scheme, fromProtocol] = (headers.sec_websocket_protocol ?? '').split(/,\s*/)
    const value = query.token ?? (scheme === 'bearer' ? fromProtocol : undefined)
    if (!value) throw new HTTPException(401, 'Not authenticated', { 'www-authenticate': 'Bearer' })
    return value
  },
  { security: { name: 'bearerToken', scheme: { type: 'http', scheme: 'bearer' } } },
)

/** The token's user, refused with 403 when it lacks a scope required of it (see `requireScopes`), as in FastAPI's tutorial. */
export const currentUser = depends({ token }, ({ token }, { scopes }) => {
  const user = USERS[token]
  if (!user) throw new HTTPException(401, 'Invalid token', { 'www-authenticate': 'Bearer' })
  if (scopes.some((scope) => !user.scopes.includes(scope))) {
    throw new HTTPException(403, 'Not enough permissions', {
      'www-authenticate': `Bearer scope="${scopes.join(' ')}"`,
    })
  }
  return user
})

/** The headers of a well-formed WebSocket handshake (RFC 6455 4.1), for `app.request()`. */
export const HANDSHAKE = {
  upgrade: 'websocket',
  connection: 'Upgrade',
  'sec-websocket-version': '13',
  'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
} as const

/** A test client over `ws` that queues the JSON frames it receives, to await them in order. */
export class TestClient {
  readonly ws: WebSocket
  /** Every frame received, in order, including those already taken by `next()`. */
  readonly seen: unknown[] = []
  readonly #queued: unknown[] = []
  readonly #waiting: ((frame: unknown) => void)[] = []

  constructor(url: string, protocols?: string[], options?: WebSocket.ClientOptions) {
    this.ws = new WebSocket(url, protocols, options)
    this.ws.on('message', (data) => {
      const frame = JSON.parse(String(data))
      this.seen.push(frame)
      const waiter = this.#waiting.shift()
      if (waiter) waiter(frame)
      else this.#queued.push(frame)
    })
  }

  async opened(): Promise<this> {
    await once(this.ws, 'open')
    return this
  }

  next(): Promise<unknown> {
    if (this.#queued.length) return Promise.resolve(this.#queued.shift())
    return new Promise((resolve) => this.#waiting.push(resolve))
  }

  /** Drops the connection (unless already closed) and waits until it is closed. */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return
    const closed = once(this.ws, 'close')
    this.ws.terminate()
    await closed
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message))
  }
}

/** Resolves with the code and reason the connection closed with. */
export async function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  const [code, reason] = (await once(ws, 'close')) as [number, Buffer]
  return { code, reason: String(reason) }
}

/** Opens a WebSocket expected to be refused; resolves with the handshake's HTTP status. */
export async function refusedStatus(url: string, protocols?: string[]): Promise<number> {
  const ws = new WebSocket(url, protocols)
  ws.on('error', () => {})
  const [, response] = (await once(ws, 'unexpected-response')) as [
    unknown,
    { statusCode: number; destroy(): void },
  ]
  response.destroy()
  return response.statusCode
}

/**
 * Sends a handshake over a raw TCP connection (`HANDSHAKE`'s headers plus
 * `extra`); resolves with the status, the lowercased headers and the body of the
 * answer, which must close the connection.
 */
export async function rawHandshake(
  port: number,
  path: string,
  extra: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const socket = connect(port, '127.0.0.1')
  const lines = Object.entries({ host: 'localhost', ...HANDSHAKE, ...extra }).map(
    ([name, value]) => `${name}: ${value}\r\n`,
  )
  socket.write(`GET ${path} HTTP/1.1\r\n${lines.join('')}\r\n`)
  let text = ''
  socket.on('data', (chunk) => {
    text += chunk
  })
  await once(socket, 'close')
  const [head = '', body = ''] = text.split('\r\n\r\n')
  const [statusLine = '', ...fields] = head.split('\r\n')
  const headers = Object.fromEntries(
    fields.map((field) => {
      const colon = field.indexOf(':')
      return [field.slice(0, colon).toLowerCase(), field.slice(colon + 1).trim()]
    }),
  )
  return { status: Number(statusLine.split(' ')[1]), headers, body }
}
