import { type Dependency, depends } from '@sluice/core'
import type { JobQueue } from './queue'

/**
 * The queue as an app-scoped dependency: created on first use, closed at the app's shutdown
 * (the jobs in hand finished or given back). Handlers enqueue through it.
 *
 * @example
 * ```ts
 * const queue = jobs(() => jobQueue(bullmqEngine({ url: process.env.REDIS_URL! })))
 *
 * const register = route.post('/users', { body: NewUser, deps: { queue } }, async ({ body, queue }) => {
 *   const user = await createUser(body)
 *   await queue.enqueue(welcome, { userId: user.id, email: user.email }, { key: `welcome-${user.id}` })
 *   return user
 * })
 * ```
 */
export function jobs(create: () => JobQueue | Promise<JobQueue>): Dependency<JobQueue, 'app'> {
  return depends(create, { scope: 'app', name: 'jobs' })
}
