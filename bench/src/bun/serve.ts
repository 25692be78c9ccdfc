/** Serves a fetch handler with `Bun.serve` on the port the runner gives, for the Bun contenders. */
import { HOST, PORT } from '../servers/port'

/** The slice of Bun's API used here (bun-types would clash with @types/node's globals). */
declare const Bun: {
  serve(options: {
    port: number
    hostname: string
    fetch: (request: Request) => Response | Promise<Response>
  }): unknown
}

/**
 * @example
 * ```ts
 * serveOnBun((request) => app.fetch(request))
 * ```
 */
export function serveOnBun(fetch: (request: Request) => Response | Promise<Response>): void {
  Bun.serve({ port: PORT, hostname: HOST, fetch })
}
