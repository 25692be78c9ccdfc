/** Sluice on Node, through its own `serve`. */
import { serve } from '@sluice/core/node'
import { HOST, PORT } from './port'
import { app } from './sluice-app'

await serve(app, { port: PORT, hostname: HOST })
