/** Sluice on Bun: the same app as on Node, its fetch handler on `Bun.serve`. */
import { app } from '../servers/sluice-app'
import { serveOnBun } from './serve'

serveOnBun((request) => app.fetch(request))
