import type { Server } from 'node:http'

/**
 * Prints one line per request once it is answered, for reading while developing:
 * `GET /items/1 200 1.4 ms`. The path is logged without its query string, which
 * may carry credentials; a request whose client left before the end is marked.
 *
 * @example
 * ```ts
 * const { server } = await serve(app)
 * logRequests(server)
 * ```
 */
export function logRequests(server: Server, print: (line: string) => void = console.log): void {
  server.on('request', (request, response) => {
    const started = performance.now()
    response.once('close', () => {
      const ms = (performance.now() - started).toFixed(1)
      const path = (request.url ?? '/').split('?')[0]
      const ended = response.writableFinished ? '' : ' (client left)'
      print(`${request.method} ${path} ${response.statusCode} ${ms} ms${ended}`)
    })
  })
}
