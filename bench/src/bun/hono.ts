/** The Bun baseline: the same plain Hono app with hand validation, on `Bun.serve`. */
import { app } from '../servers/hono-app'
import { serveOnBun } from './serve'

serveOnBun(app.fetch)
