import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createApp, depends, route } from './index'
import { isThenable } from './thenable'

/** Awaitable but not a Promise, like a drizzle query builder: it runs only when awaited. */
class Query<T> implements PromiseLike<T> {
  runs = 0
  constructor(private readonly rows: T) {}
  // biome-ignore lint/suspicious/noThenProperty: being awaitable is the point
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    this.runs++
    return Promise.resolve(this.rows).then(onFulfilled, onRejected)
  }
}

describe('awaitable results that are not promises', () => {
  test('a handler returning one answers with what it resolves to', async () => {
    const query = new Query([{ id: 1, title: 'Read' }])
    const list = route.get(
      '/todos',
      { response: v.array(v.object({ id: v.number(), title: v.string() })) },
      () => query,
    )
    const res = await createApp({ routes: [list] }).request('/todos')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual([{ id: 1, title: 'Read' }])
    expect(query.runs).toBe(1)
  })

  test('a dependency returning one gives the handler what it resolves to', async () => {
    const user = depends(() => new Query({ name: 'Ann' }))
    const me = route.get('/me', { deps: { user } }, ({ user }) => ({ name: user.name }))
    const res = await createApp({ routes: [me] }).request('/me')
    expect(await res.json()).toEqual({ name: 'Ann' })
  })

  test('only objects with a then method count', () => {
    expect(isThenable(new Query(1))).toBe(true)
    expect(isThenable(Promise.resolve(1))).toBe(true)
    // biome-ignore lint/suspicious/noThenProperty: a then that is not a method
    expect(isThenable({ then: 'not a function' })).toBe(false)
    expect(isThenable(null)).toBe(false)
    expect(isThenable(() => {})).toBe(false)
  })
})
