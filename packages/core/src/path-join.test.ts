import { hc } from 'hono/client'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createApp, route, router } from './index'

const list = route.get('/', {}, () => ['a'])
const one = route.get('/:id', { params: v.object({ id: v.number() }) }, ({ params }) => params)

describe("FastAPI's path join: prefix + path, so '/' under '/items' is '/items/'", () => {
  test('per router: answered at /items/ without a redirect; /items redirects there, as in FastAPI', async () => {
    const app = createApp({
      routes: [router({ prefix: '/items', pathJoin: 'fastapi' }, [list, one])],
    })
    const direct = await app.request('/items/')
    expect(direct.status).toBe(200)
    expect(await direct.json()).toEqual(['a'])
    const other = await app.request('/items')
    expect(other.status).toBe(307)
    expect(other.headers.get('location')).toBe('http://localhost/items/')
    expect(await (await app.request('/items/3')).json()).toEqual({ id: 3 })
    expect(Object.keys(app.openapi().paths)).toEqual(['/items/', '/items/{id}'])
  })

  test('per app: every router that does not say otherwise, at any depth', async () => {
    const items = router({ prefix: '/items' }, [list])
    const legacy = router({ prefix: '/legacy', pathJoin: 'hono' }, [list])
    const app = createApp({
      pathJoin: 'fastapi',
      routes: [router({ prefix: '/api' }, [items, legacy]), route.get('/', {}, () => 'root')],
    })
    expect((await app.request('/api/items/')).status).toBe(200)
    expect((await app.request('/api/legacy')).status).toBe(200)
    expect((await app.request('/')).status).toBe(200)
    expect(Object.keys(app.openapi().paths)).toEqual(['/api/items/', '/api/legacy', '/'])
  })

  test('the default stays Hono’s join: /items, with /items/ redirected', async () => {
    const app = createApp({ routes: [router({ prefix: '/items' }, [list])] })
    expect((await app.request('/items')).status).toBe(200)
    expect((await app.request('/items/')).status).toBe(307)
  })

  test('hc reaches the joined path: it drops the trailing slash, and fetch follows the 307', async () => {
    const app = createApp({ routes: [router({ prefix: '/items', pathJoin: 'fastapi' }, [list])] })
    const hops: number[] = []
    // What fetch does with a 307 (a same-origin GET in a browser or on a server): request the Location.
    const follow = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const response = await app.request(input, init)
      hops.push(response.status)
      const location = response.headers.get('location')
      return response.status === 307 && location ? follow(location, init) : response
    }
    const client = hc<typeof app>('http://localhost', { fetch: follow })
    expect(await (await client.items.index.$get()).json()).toEqual(['a'])
    expect(hops).toEqual([307, 200])
  })
})
