import type { Context } from 'hono'
import { errorResponse } from '../errors'
import { afterResponse, failRequest, RequestScope } from '../request-scope'
import { prepareHandlerArgs } from '../resolve'
import type { AppRuntime, MountedRoute } from '../route'
import { takeDeadline } from './deadline'
import { type CompiledSocket, Connection } from './ws-connection'

/** A key of 16 random bytes in base64, as RFC 6455 (4.1) requires. */
const HANDSHAKE_KEY = /^[+/0-9A-Za-z]{22}==$/
/** An HTTP token (RFC 9110 5.6.2), what each subprotocol must be. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/**
 * Checks the handshake (RFC 6455 4.2.1) before anything is resolved or
 * upgraded, as strictly as Node's `ws` does: a request that cannot become a
 * WebSocket is answered at once, so no adapter waits for an upgrade that will
 * never come (`@hono/node-ws` kept each such request for ever).
 */
function handshakeError(c: Context, runtime: AppRuntime): Response | undefined {
  const format = runtime.errors.format
  if (methodOf(c) !== 'GET') {
    return errorResponse(format, 405, 'Method Not Allowed', { allow: 'GET' })
  }
  const upgrade = c.req.header('upgrade')?.toLowerCase()
  const connection =
    c.req
      .header('connection')
      ?.toLowerCase()
      .split(/\s*,\s*/) ?? []
  if (upgrade !== 'websocket' || !connection.includes('upgrade')) {
    // No `Connection: Upgrade` in the answer: Node would keep the connection open for it.
    return errorResponse(format, 426, 'Upgrade Required', { upgrade: 'websocket' })
  }
  // 400 with the version we speak, as uvicorn answers (RFC 6455 4.2.2 allows any 4xx).
  if (c.req.header('sec-websocket-version') !== '13') {
    return errorResponse(format, 400, 'Unsupported WebSocket version', {
      'sec-websocket-version': '13',
    })
  }
  if (!HANDSHAKE_KEY.test(c.req.header('sec-websocket-key') ?? '')) {
    return errorResponse(format, 400, 'Invalid Sec-WebSocket-Key')
  }
  if (!validProtocols(c.req.header('sec-websocket-protocol'))) {
    return errorResponse(format, 400, 'Invalid Sec-WebSocket-Protocol')
  }
  return undefined
}

/** Whether `Sec-WebSocket-Protocol` is a list of distinct tokens. */
function validProtocols(header: string | undefined): boolean {
  if (header === undefined) return true
  const protocols = header.split(',').map((protocol) => protocol.trim())
  return (
    protocols.every((protocol) => TOKEN.test(protocol)) &&
    new Set(protocols).size === protocols.length
  )
}

/** Node's raw request, where the runtime gives one (`c.env.incoming` on @hono/node-server and @hono/node-ws). */
interface NodeRequest {
  readonly method?: string
  readonly socket?: { readonly readable: boolean; readonly writable: boolean }
}

function nodeRequest(c: Context): NodeRequest | undefined {
  return (c.env as { incoming?: NodeRequest } | undefined)?.incoming
}

/**
 * The request's method as the client sent it: `@hono/node-ws` asks the app
 * with `GET` whatever it was (then `ws` refuses any other with 405), so on
 * Node the raw request tells.
 */
function methodOf(c: Context): string {
  return nodeRequest(c)?.method ?? c.req.method
}

/**
 * Whether the client closed its connection while the dependencies resolved:
 * on Node, `ws` would then drop the upgrade without a word, and
 * `@hono/node-ws` wait for it for ever.
 */
function clientGone(c: Context): boolean {
  const socket = nodeRequest(c)?.socket
  return socket !== undefined && !(socket.readable && socket.writable)
}

/**
 * Answers a WebSocket route's request: refuses a handshake that cannot become a
 * WebSocket, resolves the route's inputs and dependencies as an HTTP route would
 * (a failure answers the handshake), then hands the connection to the adapter.
 */
export async function serveWebSocket(
  c: Context,
  mounted: MountedRoute,
  runtime: AppRuntime,
  compiled: CompiledSocket,
): Promise<Response> {
  const websockets = runtime.websockets
  if (!websockets) {
    throw new Error(`${mounted.path} is a WebSocket route: give createApp() a websocket option`)
  }
  const refused = handshakeError(c, runtime)
  if (refused) return refused
  websockets.allowFrames(compiled.maxMessageBytes)
  const scope = new RequestScope()
  let args: Record<string, unknown>
  try {
    args = await prepareHandlerArgs(c, mounted, runtime, scope)
  } catch (error) {
    return failRequest(c, scope, runtime, error)
  }
  if (clientGone(c)) {
    afterResponse(c, scope, runtime)
    return errorResponse(runtime.errors.format, 400, 'The client closed the connection')
  }
  const deadline = takeDeadline(args)
  const connection = new Connection(c, mounted, runtime, compiled, args, scope, deadline)
  websockets.track(connection)
  return websockets.adapter.upgradeWebSocket(c, connection.events)
}
