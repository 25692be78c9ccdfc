// FastAPI docs_src/cors/tutorial001: CORS with credentials for a list of origins (Hono's `cors` middleware).
import { createApp, route } from '@sluice/core'
import { cors } from 'hono/cors'

const origins = [
  'http://localhost.tiangolo.com',
  'https://localhost.tiangolo.com',
  'http://localhost',
  'http://localhost:8080',
]

const main = route.get('/', {}, () => ({ message: 'Hello World' }))

export const app = createApp({
  routes: [main],
  middleware: [cors({ origin: origins, credentials: true })],
})
