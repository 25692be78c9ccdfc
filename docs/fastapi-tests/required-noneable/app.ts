// Sluice port of FastAPI tests/test_required_noneable.py (app.py): `str | None` without a
// default is required, even though it may be null.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const query = v.object({ q: v.nullable(v.string()) })

export const app = createApp({
  routes: [
    route.get('/query', { query }, ({ query }) => query.q),
    route.get('/explicit-query', { query }, ({ query }) => query.q),
    route.post(
      '/body-embed',
      { body: v.pipe(v.object({ b: v.nullable(v.string()) }), v.metadata({ embed: true })) },
      ({ body }) => body.b,
    ),
  ],
})
