import {
  type Dependency,
  depends,
  type EventLog,
  memoryEventLog,
  type Rooms,
  rooms,
  type Socket,
} from '@sluice/core'
import * as v from 'valibot'
import { TodoPublic } from './models'
import type { LiveBackends } from './platform'
import { queryToken } from './security'

/** One change to a user's todos, as the live feed sends it. */
export const TodoChange = v.variant('type', [
  v.object({ type: v.literal('created'), todo: TodoPublic }),
  v.object({ type: v.literal('updated'), todo: TodoPublic }),
  v.object({ type: v.literal('deleted'), id: v.number() }),
])

export type TodoChange = v.InferInput<typeof TodoChange>

/** A change with the id a reconnecting event stream resumes after. */
export interface FeedEvent {
  readonly id: string
  readonly change: TodoChange
}

/** How many of a user's latest changes an event stream can resume from. */
export const REPLAYED = 100

const topicOf = (userId: number) => `user:${userId}`

/**
 * Hands each user's todo changes to their open WebSockets (a room per user) and
 * event streams (a topic per user, whose last changes are kept so a stream that
 * reconnects with `Last-Event-ID` misses nothing), never to anyone else's. In
 * this process by default; given Redis backends, across every instance.
 */
export class TodoFeed {
  readonly sockets: Rooms<TodoChange>
  readonly #events: EventLog

  constructor(backends: Partial<LiveBackends> = {}) {
    this.sockets = rooms(TodoChange, backends.rooms ? { backend: backends.rooms } : {})
    this.#events = backends.events ?? memoryEventLog({ retain: REPLAYED })
  }

  join(userId: number, socket: Socket<TodoChange>): void {
    this.sockets.join(topicOf(userId), socket)
  }

  /** Sends a change to the user's sockets and streams: only the fields `TodoChange` declares. */
  async publish(userId: number, change: TodoChange): Promise<void> {
    const topic = topicOf(userId)
    // The sockets first: their frames leave before the stream log's copy is checked and stored.
    const sent = this.sockets.broadcast(topic, change)
    // Async, so a change that fails its check rejects here as `sent` does, never leaving `sent` unheard.
    const logged = (async () =>
      this.#events.append(topic, JSON.stringify(v.parse(TodoChange, change))))()
    await Promise.all([sent, logged])
  }

  /**
   * Starts sending a change at once, before the write's response, as a
   * hand-written server would: live clients are not a response and an
   * event-loop turn behind the writer. Returns the task for `background`, which
   * waits for the sending (so shutdown does too) and reports its failure after
   * the response: a feed that fails never fails a write that was stored.
   *
   * @example
   * ```ts
   * background(feed.publishNow(user.id, { type: 'created', todo }))
   * ```
   */
  publishNow(userId: number, change: TodoChange): () => Promise<void> {
    const sent = this.publish(userId, change)
    // Handled here so it is not an unhandled rejection meanwhile; the task reports it.
    sent.catch(() => {})
    return () => sent
  }

  /**
   * Calls `listener` with each new change of the user, after replaying those
   * after `lastEventId` when resuming. Resolves when `closed` does, or when the
   * feed was interrupted (its shared store went away): then the stream should
   * end, and its client reconnect with its `Last-Event-ID`.
   */
  async follow(
    userId: number,
    lastEventId: string | undefined,
    listener: (event: FeedEvent) => void,
    closed: Promise<void>,
  ): Promise<void> {
    let stop = () => {}
    const interrupted = new Promise<void>((resolve) => {
      stop = this.#events.subscribe(
        topicOf(userId),
        lastEventId,
        (event) => {
          const change = readChange(event.text)
          if (change) listener({ id: event.id, change })
        },
        resolve,
      )
    })
    await Promise.race([closed, interrupted])
    stop()
  }
}

/** The change in a logged event's text; a shared store may hold anything, so anything else is none. */
function readChange(text: string): TodoChange | undefined {
  try {
    const change = v.safeParse(TodoChange, JSON.parse(text))
    return change.success ? change.output : undefined
  } catch {
    return undefined
  }
}

const JwtExpiry = v.object({ exp: v.number() })

/**
 * When the access token `token` carries expires (epoch ms), for a live
 * connection's `until`: the feed stops there, as a request with that token would.
 * It only reads the token's `exp`: the route's user dependency verifies the
 * same token before the connection opens, and refuses it if it is not valid;
 * a token this cannot read gives `undefined`, and that refusal.
 */
export const tokenExpiry = (token: Dependency<string>) =>
  depends({ token }, ({ token }) => {
    try {
      const payload = token.split('.')[1] ?? ''
      const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'))
      const claims = v.safeParse(JwtExpiry, JSON.parse(json))
      return claims.success ? claims.output.exp * 1000 : undefined
    } catch {
      return undefined
    }
  })

/** The expiry of the `access_token` query parameter: the live routes' `until`. */
export const accessTokenExpiry = tokenExpiry(queryToken)
