import { type Dependency, HTTPError, HTTPException, route } from '@sluice/core'
import * as v from 'valibot'
import type { Database } from '../db/database'
import type { Logger } from '../logging'

const Status = v.object({ status: v.string() })

/** Liveness (the process answers) and readiness (the database answers and can be written). */
export function healthRoutes({
  db,
  log,
}: {
  readonly db: Dependency<Database, 'app'>
  readonly log: Logger
}) {
  const health = route.get(
    '/health',
    { response: Status, tags: ['health'], summary: 'Liveness' },
    () => ({
      status: 'ok',
    }),
  )

  const ready = route.get(
    '/ready',
    {
      deps: { db },
      responses: { 200: Status, 503: HTTPError },
      tags: ['health'],
      summary: 'Readiness: the database answers and can be written',
      description:
        'For a SQLite file, also that the file is still the one opened (not deleted or replaced) ' +
        'and writable; every write checks the same first and answers 503 rather than being ' +
        'acknowledged and lost. A deleted or replaced file also closes the connection: restart the process.',
    },
    async ({ db }) => {
      try {
        await db.ping()
      } catch (error) {
        log.error('Not ready: the database cannot serve', error)
        throw new HTTPException(503, 'Database unavailable', { 'Retry-After': '5' })
      }
      return { status: 'ready' }
    },
  )

  return [health, ready] as const
}
