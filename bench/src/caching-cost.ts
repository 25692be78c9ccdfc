/**
 * The cost of a cached answer against an uncached one, in CPU time per request
 * (`process.cpuUsage()`, user + system, over rounds of sequential `app.request()` calls
 * after a warm-up, the cases interleaved; no sockets, so only the app's own work is counted):
 *
 * - the todo app's `GET /todos` (20 todos of one user, SQLite) answered 200, and
 *   answered 304 to an `If-None-Match` naming its ETag;
 * - a route returning that body with and without `httpCache`, to isolate what the
 *   ETag (a SHA-1 of the body, Hono's `etag`) adds to a 200;
 * - a `cache()` dependency over the same list query: a hit, and a miss (its tag
 *   invalidated before each request), in memory.
 *
 * Run: `npx tsx --conditions=@sluice/source bench/src/caching-cost.ts`
 */
import { type CacheStore, cache, createApp, httpCache, memoryCache, route } from '@sluice/core'
import { listTodos } from '../../apps/todo-api/src/store/todos'
import { testApp } from '../../apps/todo-api/test/helpers'

const N = Number(process.env.REQUESTS ?? 1_000)
const ROUNDS = Number(process.env.ROUNDS ?? 9)

/** CPU microseconds per call of `once`, the mean over N calls. */
async function cpuPerRequest(once: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage()
  for (let i = 0; i < N; i++) await once()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / N
}

const cases: [string, () => Promise<unknown>][] = []

const t = await testApp()
const user = await t.signUp('bench@example.com')
for (let i = 0; i < 20; i++) await t.json('POST', '/todos', { title: `Todo ${i}` }, user.access)
const auth = { authorization: `Bearer ${user.access}` }
const first = await t.app.request('/todos', { headers: auth })
const etag = first.headers.get('etag') as string

async function expectStatus(path: string, headers: Record<string, string>, status: number) {
  const res = await t.app.request(path, { headers })
  if (res.status !== status) throw new Error(`${path}: ${res.status}, not ${status}`)
  await res.arrayBuffer()
}

cases.push(['GET /todos → 200', () => expectStatus('/todos', auth, 200)])
cases.push([
  'GET /todos + If-None-Match → 304',
  () => expectStatus('/todos', { ...auth, 'if-none-match': etag }, 304),
])

/** What httpCache adds to a route's 200 (hashing its body), and what its 304 costs, on the same 3.5 KB body. */
const body = await first.clone().json()
const plainApp = createApp({
  routes: [
    route.get('/plain', {}, () => body),
    route.get('/etagged', { httpCache: httpCache({ cacheControl: 'no-cache' }) }, () => body),
  ],
})
const etagged = (await plainApp.request('/etagged')).headers.get('etag') as string
const plain = async (path: string, headers: Record<string, string> = {}) =>
  (await plainApp.request(path, { headers })).arrayBuffer()
cases.push(['same body, plain route → 200', () => plain('/plain')])
cases.push(['same body, httpCache → 200', () => plain('/etagged')])
cases.push([
  'same body, httpCache + If-None-Match → 304',
  () => plain('/etagged', { 'if-none-match': etagged }),
])

const db = await t.database()
const filters = { skip: 0, limit: 20, sort: '-created_at' } as never
/** The list query alone, computed every time, and through cache(): hit, and miss. */
async function cacheRows(label: string, store: CacheStore) {
  const list = cache({}, () => listTodos(db, 1, filters) as never as Promise<number>, {
    name: `bench-${label}`,
    store,
    ttl: 600,
    key: () => 1,
    tags: () => ['todos:1'],
  })
  const app = createApp({
    routes: [
      route.get('/direct', {}, () => listTodos(db, 1, filters)),
      route.get('/cached', { deps: { list } }, ({ list }) => list),
    ],
  })
  const get = async (path: string) => (await app.request(path)).arrayBuffer()
  cases.push(['list query, no cache()', () => get('/direct')])
  cases.push([`cache() hit, ${label}`, () => get('/cached')])
  cases.push([
    `cache() miss, ${label} (invalidated each time)`,
    async () => {
      await store.invalidate(['todos:1'])
      return get('/cached')
    },
  ])
}
await cacheRows('memory', memoryCache())
// Rounds interleave the cases, so a busy moment of the machine spreads over all of them; the median is reported.
const results = cases.map(() => [] as number[])
for (const [, once] of cases) for (let i = 0; i < N; i++) await once()
for (let round = 0; round < ROUNDS; round++)
  for (const [i, [, once]] of cases.entries()) results[i]?.push(await cpuPerRequest(once))
const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1] ?? NaN
console.log(
  `CPU µs per request: median of ${ROUNDS} rounds of ${N} sequential app.request() calls (Node ${process.version})`,
)
for (const [i, [label]] of cases.entries())
  console.log(`${label.padEnd(48)} ${median(results[i] ?? []).toFixed(1)}`)
console.log(`200 body: ${(await first.text()).length} bytes`)
await t.close()
