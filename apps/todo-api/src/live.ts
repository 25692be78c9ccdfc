import { depends, rooms } from '@sluice/core'
import * as v from 'valibot'
import { TodoPublic } from './models'
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
  readonly id: number
  readonly change: TodoChange
}

const REPLAYED = 100
const roomOf = (userId: number) => `user:${userId}`

/**
 * Hands each user's todo changes to their open WebSockets and event streams,
 * never to anyone else's, and keeps the last changes of each user so an event
 * stream that reconnects with `Last-Event-ID` misses nothing. In one process;
 * behind a load balancer, give `rooms()` a shared backend and keep the replay
 * buffer in a shared store.
 */
export class TodoFeed {
  readonly sockets = rooms(TodoChange)
  readonly #streams = new Map<number, Set<(event: FeedEvent) => void>>()
  readonly #recent = new Map<number, FeedEvent[]>()
  #lastId = 0

  join(userId: number, socket: Parameters<typeof this.sockets.join>[1]): void {
    this.sockets.join(roomOf(userId), socket)
  }

  /** Sends a change to the user's sockets and streams. */
  publish(userId: number, change: TodoChange): Promise<void> {
    const event = { id: ++this.#lastId, change }
    const recent = this.#recent.get(userId) ?? []
    recent.push(event)
    this.#recent.set(userId, recent.slice(-REPLAYED))
    for (const listener of this.#streams.get(userId) ?? []) listener(event)
    return this.sockets.broadcast(roomOf(userId), change)
  }

  /**
   * Calls `listener` with each new change of the user, after replaying those after
   * `afterId` when resuming; returns the unsubscribe.
   */
  subscribe(
    userId: number,
    afterId: number | undefined,
    listener: (event: FeedEvent) => void,
  ): () => void {
    if (afterId !== undefined) {
      for (const event of this.#recent.get(userId) ?? []) if (event.id > afterId) listener(event)
    }
    const listeners = this.#streams.get(userId) ?? new Set()
    this.#streams.set(userId, listeners.add(listener))
    return () => listeners.delete(listener)
  }
}

const JwtExpiry = v.object({ exp: v.number() })

/**
 * When the `access_token` of a live connection expires (epoch ms), for the
 * routes' `until`: the feed stops there, as a request with that token would.
 * It only reads the token's `exp`: the route's user dependency verifies the
 * same token before the connection opens, and refuses it if it is not valid;
 * a token this cannot read gives `undefined`, and that refusal.
 */
export const accessTokenExpiry = depends({ token: queryToken }, ({ token }) => {
  try {
    const payload = token.split('.')[1] ?? ''
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'))
    const claims = v.safeParse(JwtExpiry, JSON.parse(json))
    return claims.success ? claims.output.exp * 1000 : undefined
  } catch {
    return undefined
  }
})
