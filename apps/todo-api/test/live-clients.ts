/*
 * Clients of the live feed over real sockets, for the tests: a WebSocket that
 * collects its messages, and an event-stream reader that parses server-sent
 * events as they arrive.
 */
import type { IncomingMessage } from 'node:http'
import WebSocket from 'ws'

/** Waits, in order, for what a client collects. */
function collector<T>() {
  const items: T[] = []
  const waiters: (() => void)[] = []
  let ended = false
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter()
  }
  return {
    items,
    push(item: T) {
      items.push(item)
      wake()
    },
    end() {
      ended = true
      wake()
    },
    /** The first `count` items, once they arrived; fewer if the client ended first. */
    async next(count: number): Promise<T[]> {
      while (items.length < count && !ended) await new Promise<void>((r) => waiters.push(r))
      return items.slice(0, count)
    },
  }
}

/**
 * Opens the live WebSocket of the user whose access token is given, at the
 * server `base` (`http://…`), and collects the JSON messages it receives.
 */
export function openSocket(base: string, access: string) {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/ws/todos?access_token=${access}`)
  const messages = collector<unknown>()
  socket.on('message', (data) => messages.push(JSON.parse(String(data))))
  const opened = new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.once('close', (code, reason) => {
      messages.end()
      resolve({ code, reason: String(reason) })
    })
  })
  // A socket refused or dropped by the server reports it through `opened` and `closed`.
  socket.on('error', () => {})
  return { socket, received: messages.items, next: messages.next, opened, closed }
}

export interface ServerSentEvent {
  readonly event: string | undefined
  readonly id: string | undefined
  readonly data: unknown
}

/** Parses the server-sent events of `res` as they arrive; `ended` resolves when the stream does. */
export function readEventStream(res: Response) {
  const events = collector<ServerSentEvent>()
  const reader = (res.body as ReadableStream<Uint8Array>).getReader()
  const ended = (async () => {
    const decoder = new TextDecoder()
    let text = ''
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        text += decoder.decode(value, { stream: true })
        const blocks = text.split('\n\n')
        text = blocks.pop() ?? ''
        for (const block of blocks) {
          const event = parseEvent(block)
          if (event) events.push(event)
        }
      }
    } catch {
      // Cancelled by the test, or the connection dropped: either way it ended.
    } finally {
      events.end()
    }
  })()
  return {
    received: events.items,
    next: events.next,
    ended,
    cancel: () => reader.cancel().catch(() => {}),
  }
}

/** One event's fields; comments (keep-alives) and blocks without data are none. */
function parseEvent(block: string): ServerSentEvent | undefined {
  const fields = Object.fromEntries(
    block
      .split('\n')
      .filter((line) => line && !line.startsWith(':'))
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
  )
  if (fields.data === undefined) return undefined
  return { event: fields.event, id: fields.id, data: JSON.parse(fields.data) }
}

/** Reads server-sent events from a response until `count` of them arrived, then stops reading. */
export async function readEvents(res: Response, count: number): Promise<ServerSentEvent[]> {
  const stream = readEventStream(res)
  const events = await stream.next(count)
  await stream.cancel()
  return events
}

/**
 * Opens the live WebSocket with `access` and, if the server refuses the
 * handshake, resolves with what it answered instead: its status, its
 * `WWW-Authenticate` and its body. A socket that opens resolves with status 101.
 */
export function handshake(base: string, access: string) {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/ws/todos?access_token=${access}`)
  socket.on('error', () => {}) // a refused upgrade is reported as an error too
  return new Promise<{ status: number; challenge: string | null; body: string }>((resolve) => {
    socket.once('open', () => {
      socket.terminate()
      resolve({ status: 101, challenge: null, body: '' })
    })
    socket.once('unexpected-response', async (_, res: IncomingMessage) => {
      let body = ''
      for await (const chunk of res) body += chunk
      const challenge = res.headers['www-authenticate'] ?? null
      resolve({ status: res.statusCode ?? 0, challenge, body })
    })
  })
}
