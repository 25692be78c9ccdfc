/*
 * Scaling out: two todo-api processes, started at the same moment, share one
 * PostgreSQL database and one Redis (a server of this test's own, which it
 * stops and starts; CI always has `redis-server`). Sessions and todos live in
 * the database, rate limits and the live feed in Redis, so a session started on
 * one is served by the other, concurrent writes through both lose nothing,
 * guesses spread over both are counted together, a live client of one hears of
 * changes made through the other and may resume on either, a Redis outage
 * costs the live clients a reconnection and REST nothing, and killing one
 * process loses no todo it committed.
 */
import { readMigrationFiles } from 'drizzle-orm/migrator'
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  noRedisServer,
  type RedisServer,
  redisServer,
} from '../../../packages/redis/src/fixtures/redis-server'
import { MIGRATIONS } from '../src/db/connect'
import { onPostgres, postgresUrl } from './database'
import { PASSWORD } from './helpers'
import { openSocket, readEventStream, type ServerSentEvent } from './live-clients'
import { type ServerProcess, startServer } from './process'

interface Session {
  readonly access: string
  readonly refresh: string
}

const call = (base: string, method: string, path: string, body?: unknown, token?: string) =>
  fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? null : JSON.stringify(body),
  })

/** Registers and logs in on the server at `base`. */
async function signUp(base: string, email: string): Promise<Session> {
  const registered = await call(base, 'POST', '/auth/register', { email, password: PASSWORD })
  expect(registered.status).toBe(201)
  const res = await fetch(`${base}/auth/token`, {
    method: 'POST',
    body: new URLSearchParams({ username: email, password: PASSWORD }),
  })
  expect(res.status).toBe(200)
  const tokens = await res.json()
  return { access: tokens.access_token, refresh: tokens.refresh_token }
}

/** Every todo id the server at `base` lists for the token's user, page by page. */
async function listIds(base: string, token: string): Promise<number[]> {
  const ids: number[] = []
  for (;;) {
    const res = await call(base, 'GET', `/todos?limit=100&skip=${ids.length}`, undefined, token)
    expect(res.status).toBe(200)
    const page: { items: { id: number }[]; total: number } = await res.json()
    ids.push(...page.items.map((todo) => todo.id))
    if (page.items.length === 0 || ids.length >= page.total) return ids
  }
}

/** Runs `task(0 … count-1)` with at most `limit` of them in flight. */
async function inParallel(count: number, limit: number, task: (index: number) => Promise<void>) {
  let next = 0
  const worker = async () => {
    while (next < count) await task(next++)
  }
  await Promise.all(Array.from({ length: limit }, worker))
}

/** The code of a request that failed because the server went away; anything else is rethrown. */
function connectionError(error: unknown): string {
  const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code
  if (code && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].includes(code)) return code
  throw error
}

const sorted = (ids: readonly number[]) => [...ids].sort((x, y) => x - y)

/** Whether the processes share a Redis: `redis-server` is installed (`bash .ci/redis` installs it). */
const withRedis = !noRedisServer
if (noRedisServer) console.warn(`Skipping the scale-out tests with Redis: ${noRedisServer}`)

/** Calls `attempt` every 200 ms until it gives a value; fails after `limit` ms. */
async function eventually<T>(attempt: () => Promise<T | undefined>, limit = 15_000): Promise<T> {
  const deadline = Date.now() + limit
  for (;;) {
    const value = await attempt()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`still nothing after ${limit} ms`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** Resolves with `promise`'s value, or `undefined` after `ms`. */
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(resolve, ms))])

const titleOf = (change: unknown) => (change as { todo?: { title: string } }).todo?.title

/** The change a live client received: a WebSocket message, or a server-sent event's data. */
const dataOf = (item: unknown) => (item as { data?: unknown }).data ?? item

describe.runIf(onPostgres)(
  'two processes sharing one PostgreSQL database (runs in the postgres project only)',
  // Generous for a loaded CI machine: locally each test takes under 2.5 s.
  { timeout: 20_000 },
  () => {
    const database = `todo_scale_${crypto.randomUUID().replaceAll('-', '')}`
    const servers: ServerProcess[] = []
    let admin: pg.Client | undefined
    let redis: RedisServer | undefined
    let databaseUrl: string
    let a: ServerProcess
    let urlA: string
    let urlB: string

    /** main.ts connects with the URL alone, so the two processes get a database of their own. */
    beforeAll(async () => {
      const client = new pg.Client({ connectionString: postgresUrl() })
      await client.connect()
      admin = client
      await admin.query(`CREATE DATABASE ${database}`)
      databaseUrl = Object.assign(new URL(postgresUrl()), { pathname: `/${database}` }).href
      if (withRedis) redis = await redisServer()
      const env = {
        DATABASE_URL: databaseUrl,
        JWT_SECRET: 'scale-out-secret-of-at-least-32-bytes',
        // The load below is one user's 400 writes in seconds, well past the per-user write limit,
        // and every sign-up and guess comes from this one address.
        WRITE_MAX: '100000',
        REGISTER_MAX: '100000',
        LOGIN_CLIENT_MAX_FAILURES: '100000',
        ...(redis && { REDIS_URL: redis.url }),
      }
      // Both at once: each migrates at start-up, racing the other for the advisory lock.
      a = startServer(env)
      const b = startServer(env)
      servers.push(a, b)
      ;[urlA, urlB] = await Promise.all([a.listening, b.listening])
    }, 30_000)

    afterAll(async () => {
      for (const server of servers) server.kill('SIGKILL')
      await Promise.all(servers.map((server) => server.exited()))
      await admin?.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
      await admin?.end()
      await redis?.stop()
    })

    it('both start, racing to migrate, and each migration is applied once', async () => {
      const client = new pg.Client({ connectionString: databaseUrl })
      await client.connect()
      try {
        const { rows } = await client.query<{ hash: string }>(
          'SELECT hash FROM drizzle.__drizzle_migrations ORDER BY id',
        )
        const expected = readMigrationFiles({ migrationsFolder: MIGRATIONS.postgres })
        expect(rows.map((row) => row.hash)).toEqual(expected.map((migration) => migration.hash))
      } finally {
        await client.end()
      }
    })

    it.runIf(withRedis)(
      'counts login attempts in Redis: 40 wrong passwords spread over both let at most 5 through',
      async () => {
        const email = `guessed-${crypto.randomUUID()}@example.com`
        await signUp(urlA, email)
        const attempts = Array.from({ length: 40 }, (_, i) =>
          fetch(`${i % 2 ? urlA : urlB}/auth/token`, {
            method: 'POST',
            body: new URLSearchParams({ username: email, password: `wrong-password-${i}` }),
          }),
        )
        const statuses = (await Promise.all(attempts)).map((res) => res.status)
        expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5)
        expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(35)
      },
    )

    it('serves a session started on A from B, and detects refresh-token reuse across them', async () => {
      const session = await signUp(urlA, 'ann@example.com')
      const me = await call(urlB, 'GET', '/users/me', undefined, session.access)
      expect(me.status).toBe(200)
      expect((await me.json()).email).toBe('ann@example.com')

      const created = await call(urlB, 'POST', '/todos', { title: 'Made on B' }, session.access)
      expect(created.status).toBe(201)
      const { id } = await created.json()
      const read = await call(urlA, 'GET', `/todos/${id}`, undefined, session.access)
      expect(read.status).toBe(200)
      expect((await read.json()).title).toBe('Made on B')

      const rotated = await call(urlB, 'POST', '/auth/refresh', { refresh_token: session.refresh })
      expect(rotated.status).toBe(200)
      const { refresh_token: next } = await rotated.json()
      expect(next).not.toBe(session.refresh)
      const reused = await call(urlA, 'POST', '/auth/refresh', { refresh_token: session.refresh })
      expect(reused.status).toBe(401)
      // The reuse revoked the whole family, the token B handed out included.
      const afterReuse = await call(urlB, 'POST', '/auth/refresh', { refresh_token: next })
      expect(afterReuse.status).toBe(401)
    })

    it('loses no write when both take 200 creates concurrently', async ({ annotate }) => {
      const { access } = await signUp(urlB, 'bob@example.com')
      const statuses: number[] = []
      const ids: number[] = []
      await inParallel(200, 20, async (index) => {
        const base = index % 2 === 0 ? urlA : urlB
        const res = await call(base, 'POST', '/todos', { title: `todo ${index}` }, access)
        statuses.push(res.status)
        if (res.status === 201) ids.push((await res.json()).id)
      })
      expect(statuses.filter((status) => status !== 201)).toEqual([])
      expect(new Set(ids).size).toBe(200)
      for (const base of [urlA, urlB])
        expect(sorted(await listIds(base, access))).toEqual(sorted(ids))
      await annotate(`200 creates split across A and B, 20 in flight: ${ids.length} listed by both`)
    })

    /**
     * Creates todos through `via` until one reaches the live client: a client
     * hears of changes once its subscription is in Redis, a moment after it
     * connected. False if it never did (it was closed, or Redis is away).
     */
    async function hears(
      live: { readonly received: readonly unknown[]; next(count: number): Promise<unknown[]> },
      via: string,
      access: string,
    ): Promise<boolean> {
      for (let i = 0; i < 25; i++) {
        const title = `probe ${crypto.randomUUID()}`
        expect((await call(via, 'POST', '/todos', { title }, access)).status).toBe(201)
        const requested = live.received.length + 1
        const heard = await within(live.next(requested), 200)
        if (heard && heard.length < requested) return false // it ended
        if (live.received.some((item) => titleOf(dataOf(item)) === title)) return true
      }
      return false
    }

    /** A WebSocket on `base` that hears of the changes made through `via`, once it can. */
    const socketHearing = (base: string, via: string, access: string) =>
      eventually(async () => {
        const live = openSocket(base, access)
        const ready = await live.opened.then(
          () => hears(live, via, access),
          () => false,
        )
        if (ready) return live
        live.socket.terminate()
        return undefined
      })

    /** An event stream on `base` that hears of the changes made through `via`, once it can. */
    const streamHearing = (base: string, via: string, access: string, lastEventId?: string) =>
      eventually(async () => {
        const res = await fetch(`${base}/todos/events?access_token=${access}`, {
          headers: lastEventId ? { 'last-event-id': lastEventId } : {},
        })
        const live = readEventStream(res)
        if (await hears(live, via, access)) return live
        await live.cancel()
        return undefined
      })

    /** The titles of the changes a live client received, probes left out. */
    const titles = (items: readonly unknown[]) =>
      items.map((item) => titleOf(dataOf(item))).filter((title) => !title?.startsWith('probe'))

    it.runIf(withRedis)(
      'a WebSocket client on B receives the todos created through A',
      async () => {
        const { access } = await signUp(urlA, 'dan@example.com')
        const live = await socketHearing(urlB, urlA, access)
        const heard = live.received.length
        for (const title of ['one', 'two', 'three'])
          expect((await call(urlA, 'POST', '/todos', { title }, access)).status).toBe(201)
        expect(titles(await live.next(heard + 3))).toEqual(['one', 'two', 'three'])
        live.socket.close()
      },
    )

    it.runIf(withRedis)(
      'an event stream that read event N from A resumes on B with Last-Event-ID: N, missing nothing',
      async () => {
        const { access } = await signUp(urlA, 'eve@example.com')
        const onA = await streamHearing(urlA, urlA, access)
        const probes = onA.received.length
        const changes = Array.from({ length: 6 }, (_, i) => `change ${i + 1}`)
        for (const title of changes.slice(0, 3))
          expect((await call(urlA, 'POST', '/todos', { title }, access)).status).toBe(201)
        const read = (await onA.next(probes + 3)).slice(probes)
        expect(titles(read)).toEqual(changes.slice(0, 3))
        await onA.cancel()

        // Changes go on through both while the client is away; it comes back to B after event 2.
        for (const [index, title] of changes.slice(3).entries()) {
          const created = await call(index % 2 ? urlA : urlB, 'POST', '/todos', { title }, access)
          expect(created.status).toBe(201)
        }
        const onB = readEventStream(
          await fetch(`${urlB}/todos/events?access_token=${access}`, {
            headers: { 'last-event-id': read[1]?.id as string },
          }),
        )
        const resumed = await onB.next(4)
        expect(titles(resumed)).toEqual(changes.slice(2))
        expect(resumed[0]?.id).toBe(read[2]?.id)
        await onB.cancel()
      },
    )

    it.runIf(withRedis)(
      'Redis stopped: REST keeps working, live clients are told, and they recover once it is back',
      { timeout: 60_000 },
      async ({ annotate }) => {
        const { access } = await signUp(urlA, 'fay@example.com')
        const socket = await socketHearing(urlB, urlA, access)
        const stream = await streamHearing(urlA, urlB, access)
        const lastRead = stream.received.at(-1) as ServerSentEvent

        await redis?.stop()
        expect(await socket.closed).toEqual({
          code: 1013,
          reason: 'Room broadcasts were interrupted; reconnect',
        })
        await stream.ended
        // REST does not notice: sign-ups, logins, writes and reads through both.
        const other = await signUp(urlB, 'gus@example.com')
        const whileAway = [`while away, via A`, `while away, via B`]
        for (const [index, base] of [urlA, urlB].entries()) {
          const created = await call(base, 'POST', '/todos', { title: whileAway[index] }, access)
          expect(created.status).toBe(201)
          expect((await call(base, 'GET', '/todos', undefined, other.access)).status).toBe(200)
        }

        await redis?.start()
        const reconnected = await socketHearing(urlB, urlA, access)
        // The stream resumes after the last event it read: the changes made while Redis was
        // away were held, and written once it was back, so they are replayed.
        const resumed = await streamHearing(urlB, urlA, access, lastRead.id)
        expect(titles(resumed.received).sort()).toEqual(whileAway)
        reconnected.socket.close()
        await resumed.cancel()
        await annotate(
          `after the restart: a socket and a stream reconnected, ${titles(resumed.received).length} changes replayed`,
        )
      },
    )

    it.runIf(withRedis)(
      'Redis answering errors (OOM): a change answered 201 ends the stream on its instance, reaches the one on the other, and is replayed',
      { timeout: 60_000 },
      async () => {
        const { access } = await signUp(urlA, 'ida@example.com')
        const onA = await streamHearing(urlA, urlA, access)
        const onB = await streamHearing(urlB, urlA, access)
        const lastRead = onA.received.at(-1) as ServerSentEvent
        const heardOnB = onB.received.length
        const admin = new Redis(redis?.url as string)
        /** Makes Redis answer every write with an OOM error (`maxmemory` reached), or take writes again. */
        const refuseWrites = async (refuse: boolean) => {
          await admin.config('SET', 'maxmemory-policy', 'noeviction')
          await admin.config('SET', 'maxmemory', refuse ? '1' : '0')
        }
        const title = 'while Redis refused writes'
        try {
          await refuseWrites(true)
          expect((await call(urlA, 'POST', '/todos', { title }, access)).status).toBe(201)
          // Neither sent nor kept yet: the stream on A, which would wait for it in vain, ends.
          await onA.ended
        } finally {
          await refuseWrites(false)
          await admin.quit()
        }
        // Written once Redis takes writes: the stream on B hears of it, a stream resumed on A replays it.
        expect(titles((await onB.next(heardOnB + 1)).slice(heardOnB))).toEqual([title])
        const resumed = await streamHearing(urlA, urlA, access, lastRead.id)
        expect(titles(resumed.received)).toEqual([title])
        await Promise.all([onB.cancel(), resumed.cancel()])
      },
    )

    it.runIf(withRedis)(
      'a Redis that stops answering holds no request: REST answers through both',
      { timeout: 60_000 },
      async () => {
        const { access } = await signUp(urlA, 'hal@example.com')
        redis?.pause()
        try {
          for (const base of [urlA, urlB]) {
            const created = await call(base, 'POST', '/todos', { title: 'while frozen' }, access)
            expect(created.status).toBe(201)
            expect((await call(base, 'GET', '/todos', undefined, access)).status).toBe(200)
            const login = await fetch(`${base}/auth/token`, {
              method: 'POST',
              body: new URLSearchParams({ username: 'hal@example.com', password: PASSWORD }),
            })
            expect(login.status).toBe(200)
          }
        } finally {
          redis?.resume()
        }
      },
    )

    it('keeps every committed todo when A is killed mid-load', async ({ annotate }) => {
      const { access } = await signUp(urlB, 'cat@example.com')
      const committed = { a: [] as number[], b: [] as number[] }
      const failedOnA: string[] = []
      const unexpected: string[] = []
      let killed = false
      let answeredByBAfterKill = 0
      await inParallel(300, 20, async (index) => {
        const onA = index % 2 === 0
        try {
          const res = await call(
            onA ? urlA : urlB,
            'POST',
            '/todos',
            { title: `load ${index}` },
            access,
          )
          if (res.status !== 201) {
            unexpected.push(`${onA ? 'A' : 'B'}: ${res.status}`)
            return
          }
          const { id } = await res.json()
          if (!onA) {
            committed.b.push(id)
            if (killed) answeredByBAfterKill++
            return
          }
          committed.a.push(id)
          if (committed.a.length === 50) {
            a.kill('SIGKILL')
            killed = true
          }
        } catch (error) {
          // B must answer every request; A's fail only because it is gone.
          if (!onA) throw error
          failedOnA.push(connectionError(error))
        }
      })
      await a.exited()

      expect(a.child.signalCode).toBe('SIGKILL')
      expect(unexpected).toEqual([])
      expect(committed.a.length).toBeGreaterThanOrEqual(50)
      expect(committed.a.length + failedOnA.length).toBe(150)
      expect(failedOnA.length).toBeGreaterThan(0)
      expect(committed.b).toHaveLength(150)
      expect(answeredByBAfterKill).toBeGreaterThan(0)

      const listed = await listIds(urlB, access)
      expect(new Set(listed).size).toBe(listed.length)
      const answered = new Set([...committed.a, ...committed.b])
      expect(listed).toEqual(expect.arrayContaining([...answered]))
      // Beyond those, only a request whose connection A dropped (not refused) may have committed.
      const unanswered = listed.filter((id) => !answered.has(id))
      const dropped = failedOnA.filter((code) => code !== 'ECONNREFUSED')
      expect(unanswered.length).toBeLessThanOrEqual(dropped.length)
      await annotate(
        `300 creates: A answered ${committed.a.length} (SIGKILL sent after its 50th), ${failedOnA.length} failed on A ` +
          `(${[...new Set(failedOnA)].join(', ')}); B answered ${committed.b.length} ` +
          `(${answeredByBAfterKill} after the kill); ${listed.length} listed via B, ` +
          `${unanswered.length} of them unanswered`,
      )
    })
  },
)
