import * as v from 'valibot'
import { describe, expectTypeOf, test } from 'vitest'
import { depends, sseRoute } from '../index'

const Todo = v.object({ id: v.number(), title: v.string() })
const currentUser = depends(() => ({ id: 1 }))

describe('sseRoute', () => {
  test('types the handler and the events it sends', () => {
    sseRoute(
      '/lists/:list/events',
      {
        params: v.object({ list: v.number() }),
        deps: { user: currentUser },
        events: { created: Todo, deleted: v.object({ id: v.number() }) },
      },
      async ({ params, user, lastEventId, stream }) => {
        expectTypeOf(params).toEqualTypeOf<{ list: number }>()
        expectTypeOf(user).toEqualTypeOf<{ id: number }>()
        expectTypeOf(lastEventId).toEqualTypeOf<string | undefined>()
        expectTypeOf(stream.signal).toEqualTypeOf<AbortSignal>()
        await stream.send('created', { id: 1, title: 'Milk' }, { id: '1' })
        await stream.send('deleted', { id: 1 })
        // @ts-expect-error an event that is not declared
        await stream.send('updated', { id: 1 })
        // @ts-expect-error data of another event
        await stream.send('deleted', { id: 1, title: 'Milk' })
        // @ts-expect-error data missing a field
        await stream.send('created', { id: 1 })
      },
    )
  })

  test('rejects dependencies named like the stream or lastEventId', () => {
    sseRoute('/events', { events: {}, deps: { user: currentUser } }, async () => {})
    // @ts-expect-error `stream` is the handler's own argument
    sseRoute('/events', { events: {}, deps: { stream: currentUser } }, async () => {})
    // @ts-expect-error `lastEventId` is the handler's own argument
    sseRoute('/events', { events: {}, deps: { lastEventId: currentUser } }, async () => {})
  })

  test('takes a send buffer, and a deadline from a dependency giving a Date or epoch ms', () => {
    const expiry = depends(() => new Date())
    sseRoute('/events', { events: {}, until: expiry, maxBufferedBytes: 1 << 16 }, async () => {})
    // @ts-expect-error a deadline is a Date or a number, not a string
    sseRoute('/events', { events: {}, until: depends(() => 'tomorrow') }, async () => {})
  })

  test('requires events', () => {
    // @ts-expect-error `events` is required
    sseRoute('/events', {}, async () => {})
  })
})
