// FastAPI docs_src/bigger_applications/app/main.py: an app assembled from routers, with a global dependency.
import { createApp, route, router } from '@sluice/core'
import { getQueryToken, getTokenHeader } from './dependencies'
import { updateAdmin } from './internal/admin'
import { items } from './routers/items'
import { users } from './routers/users'

/** FastAPI's `include_router(admin.router, prefix=…, dependencies=…)`: the options wrap the imported routes. */
const admin = router(
  {
    prefix: '/admin',
    tags: ['admin'],
    deps: [getTokenHeader],
    responses: { 418: { description: "I'm a teapot" } },
  },
  [updateAdmin],
)

const root = route.get('/', {}, () => ({ message: 'Hello Bigger Applications!' }))

export const app = createApp({ routes: [users, items, admin, root], deps: [getQueryToken] })
