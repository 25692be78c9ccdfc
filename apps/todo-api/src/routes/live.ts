import { sseRoute, websocketRoute } from '@sluice/core'
import { accessTokenExpiry, TodoChange, type TodoFeed } from '../live'
import { type CurrentUser, todoReader } from '../security'

interface LiveDeps {
  readonly feed: TodoFeed
  /** The user, from the `access_token` query parameter (browsers cannot set headers here). */
  readonly liveUser: CurrentUser
}

/** The caller's todo changes as they happen: server-sent events and a WebSocket. */
export function liveRoutes({ feed, liveUser }: LiveDeps) {
  // The feed shows todos: it needs what `GET /todos` needs.
  const reader = todoReader(liveUser)
  const events = sseRoute(
    '/todos/events',
    {
      deps: { user: reader },
      until: accessTokenExpiry,
      events: { change: TodoChange },
      tags: ['todos'],
      summary: 'Stream my todo changes (server-sent events)',
      description:
        'Pass the access token as `access_token`; the stream ends when it expires. ' +
        'Reconnect with a fresh token and `Last-Event-ID` to resume; the stream also ends when ' +
        'the server cannot promise to deliver every change (reconnect as well).',
    },
    ({ user, stream, lastEventId }) =>
      feed.follow(
        user.id,
        lastEventId,
        (event) => void stream.send('change', event.change, { id: event.id }),
        stream.closed,
      ),
  )

  const socket = websocketRoute(
    '/ws/todos',
    {
      deps: { user: reader },
      until: accessTokenExpiry,
      outgoing: TodoChange,
      tags: ['todos'],
      summary: 'My todo changes over a WebSocket',
      description:
        'Pass the access token as `access_token`; the socket closes with 1008 when it expires. ' +
        'The server only sends: a message over 64 KiB closes it with 1009. It closes with 1013 ' +
        'when it cannot promise to deliver every change (its shared store is away): reconnect ' +
        'with back-off.',
    },
    ({ user, socket }) => {
      feed.join(user.id, socket)
    },
  )

  return [events, socket] as const
}
