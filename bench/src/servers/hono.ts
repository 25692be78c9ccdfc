/** The baseline every ratio is against: plain Hono with hand-written validation, on Node. */
import { serve } from '@hono/node-server'
import { app } from './hono-app'
import { HOST, PORT } from './port'

serve({ fetch: app.fetch, port: PORT, hostname: HOST })
