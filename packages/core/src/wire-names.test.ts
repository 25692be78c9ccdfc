import { hc } from 'hono/client'
import * as v from 'valibot'
import { expect, test } from 'vitest'
import { createApp, route } from './index'

test('what the typed client sends under the names its types give is what the route reads', async () => {
  const app = createApp({
    routes: [
      route.get(
        '/items',
        {
          query: v.object({ item_query: v.pipe(v.string(), v.metadata({ alias: 'item-query' })) }),
          headers: v.object({
            x_token: v.string(),
            x_raw: v.pipe(v.string(), v.metadata({ convertUnderscores: false })),
          }),
          cookies: v.object({ session_id: v.pipe(v.string(), v.metadata({ alias: 'sid' })) }),
        },
        ({ query, headers, cookies }) => ({ query, headers, cookies }),
      ),
    ],
  })
  const client = hc<typeof app>('http://localhost', { fetch: app.request })
  const res = await client.items.$get({
    query: { 'item-query': 'q' },
    header: { 'x-token': 't', x_raw: 'r' },
    cookie: { sid: 's' },
  })
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual({
    query: { item_query: 'q' },
    headers: { x_token: 't', x_raw: 'r' },
    cookies: { session_id: 's' },
  })
})
