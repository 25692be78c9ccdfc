import { hc } from 'hono/client'
import type { ExtractSchema } from 'hono/types'
import * as v from 'valibot'
import { describe, expectTypeOf, test } from 'vitest'
import { createApp, route, router } from './index'

const list = route.get('/', {}, () => ['a'])
const one = route.get('/:id', { params: v.object({ id: v.number() }) }, ({ params }) => params)
const paths = <A>(_app: A) => ({}) as keyof ExtractSchema<A>

describe('the hc schema follows the path join', () => {
  test('per router', () => {
    const app = createApp({
      routes: [router({ prefix: '/items', pathJoin: 'fastapi' }, [list, one])],
    })
    expectTypeOf(paths(app)).toEqualTypeOf<'/items/' | '/items/:id'>()
    const client = hc<typeof app>('http://localhost')
    expectTypeOf(client.items.index.$get).toBeFunction()
    expectTypeOf(client.items[':id'].$get).toBeFunction()
  })

  test('per app, for every router that does not say, at any depth', () => {
    const app = createApp({
      pathJoin: 'fastapi',
      routes: [
        router({ prefix: '/api' }, [
          router({ prefix: '/items' }, [list]),
          router({ prefix: '/legacy', pathJoin: 'hono' }, [list]),
        ]),
      ],
    })
    expectTypeOf(paths(app)).toEqualTypeOf<'/api/items/' | '/api/legacy'>()
  })

  test('a prefix with a parameter still types it', () => {
    const app = createApp({
      routes: [router({ prefix: '/users/:uid/items', pathJoin: 'fastapi' }, [list])],
    })
    expectTypeOf(paths(app)).toEqualTypeOf<'/users/:uid/items/'>()
  })

  test("the default stays Hono's join", () => {
    const app = createApp({ routes: [router({ prefix: '/items' }, [list, one])] })
    expectTypeOf(paths(app)).toEqualTypeOf<'/items' | '/items/:id'>()
  })
})
