import { type Dependency, HTTPError, HTTPException, route } from '@sluice/core'
import * as v from 'valibot'
import type { Database } from '../db/database'

const Status = v.object({ status: v.string() })

/** Liveness (the process answers) and readiness (the database answers). */
export function healthRoutes({ db }: { readonly db: Dependency<Database, 'app'> }) {
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
      summary: 'Readiness: the database answers',
    },
    async ({ db }) => {
      try {
        await db.ping()
      } catch {
        throw new HTTPException(503, 'Database unavailable', { 'Retry-After': '5' })
      }
      return { status: 'ready' }
    },
  )

  return [health, ready] as const
}
