/**
 * Realtime: how long a change takes from `POST /todos` to its event on 1, 100
 * and 1000 WebSockets of the same user, and what an idle WebSocket and an idle
 * event stream cost in server memory (RSS growth over 1000 of them) — for the
 * todo app's live routes, the same feed on plain Hono + `@hono/node-ws`
 * (`servers/realtime-hono.ts`), and in FastAPI with Starlette's WebSocket
 * (`fastapi/realtime.py`). The clients run in the runner, on the load core.
 */

import { mkdirSync, rmSync } from 'node:fs'
import { type ClientRequest, get } from 'node:http'
import WebSocket from 'ws'
import { buildTodoApp, TODO_APP_BUNDLE } from './build'
import { bundlePath, type Contender, fastapiServer, notBuilt } from './contenders'
import { insertUsers } from './mixed'
import { BENCH_DIR } from './paths'
import { compareRounds, comparisonText, fixed, type TargetRow, table, verdict } from './report'
import { type RunningServer, rssMiB, startServer, stopServer } from './server'
import { APP_DIR, appModules, JWT_SECRET } from './todo'

const DATA_DIR = `${BENCH_DIR}.tmp/realtime/`
const DATABASE_URL = `${DATA_DIR}todo.db`
/** Connected clients in each latency measurement, largest first (sockets are closed between). */
const FAN_OUT = [1000, 100, 1] as const
/** Idle connections opened to measure memory per connection. */
const IDLE = 1000
/** Changes posted per measurement, after {@link WARM_POSTS} that are not counted. */
const POSTS = 20
const WARM_POSTS = 3
const SETTLE_MS = 1500

const env = {
  DATABASE_URL,
  JWT_SECRET,
  ACCESS_TOKEN_TTL: '86400',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  DOCS_ENABLED: 'false',
  WRITE_MAX: '1000000000',
}

const contenders: readonly Contender[] = [
  {
    id: 'rt-hono',
    label: 'Hono + @hono/node-ws, hand-written',
    env,
    command: () => [process.execPath, bundlePath('realtime-hono')],
    unavailable: () => notBuilt('realtime-hono'),
  },
  {
    id: 'rt-sluice',
    label: 'Sluice todo app (websocketRoute, sseRoute)',
    env,
    command: () => [process.execPath, TODO_APP_BUNDLE],
  },
  {
    ...fastapiServer('rt-fastapi', 'realtime:app', env),
    label: 'FastAPI 0.142 (Starlette WebSocket, uvicorn)',
  },
]

interface Figures {
  /** Per fan-out: p50 and p99 in ms over every (change, client) pair. */
  readonly latency: Map<number, { p50: number; p99: number; missed: number }>
  readonly wsKiB: number
  readonly sseKiB: number
}

const log = (message: string) => process.stderr.write(`${message}\n`)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/** Opens `count` WebSockets, a hundred at a time, each calling `onTitle` with the title of every created todo it hears of. */
async function openSockets(
  url: string,
  count: number,
  onTitle: (title: string) => void,
): Promise<WebSocket[]> {
  const sockets: WebSocket[] = []
  for (let i = 0; i < count; i += 100) {
    const batch = Array.from({ length: Math.min(100, count - i) }, () => {
      const socket = new WebSocket(url)
      socket.on('message', (data) => {
        const event = JSON.parse(String(data)) as { todo?: { title?: string } }
        if (event.todo?.title) onTitle(event.todo.title)
      })
      return new Promise<WebSocket>((resolve, reject) => {
        socket.once('open', () => resolve(socket))
        socket.once('error', reject)
      })
    })
    sockets.push(...(await Promise.all(batch)))
  }
  return sockets
}

/** Opens `count` event streams and resolves once each has its response headers. */
async function openStreams(url: string, count: number): Promise<ClientRequest[]> {
  const requests: ClientRequest[] = []
  for (let i = 0; i < count; i += 100) {
    const batch = Array.from(
      { length: Math.min(100, count - i) },
      () =>
        new Promise<ClientRequest>((resolve, reject) => {
          const request = get(url, (response) => {
            if (response.statusCode !== 200) reject(new Error(`stream: ${response.statusCode}`))
            response.resume()
            resolve(request)
          })
          request.on('error', reject)
        }),
    )
    requests.push(...(await Promise.all(batch)))
  }
  return requests
}

function postTodo(base: string, token: string, title: string): Promise<Response> {
  return fetch(`${base}/todos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title, priority: 2 }),
  })
}

/**
 * Posts {@link POSTS} changes one after another (after a few uncounted ones,
 * as the first changes after 1000 connections pay for collecting their garbage);
 * each one's latency on each socket is from just before the POST is sent to
 * the event's arrival.
 */
async function measureFanOut(
  base: string,
  token: string,
  listeners: number,
  hear: { current: (title: string) => void },
): Promise<{ p50: number; p99: number; missed: number }> {
  const latencies: number[] = []
  let missed = 0
  for (let n = -WARM_POSTS; n < POSTS; n++) {
    const title = `live ${listeners}-${n}-${Math.random()}`
    let heard = 0
    let done = () => {}
    const all = new Promise<void>((resolve) => {
      done = resolve
    })
    const started = performance.now()
    hear.current = (got) => {
      if (got !== title) return
      if (n >= 0) latencies.push(performance.now() - started)
      if (++heard === listeners) done()
    }
    const response = await postTodo(base, token, title)
    if (response.status !== 201) throw new Error(`POST /todos: ${response.status}`)
    await Promise.race([all, sleep(10_000)])
    if (n >= 0) missed += listeners - heard
    await sleep(20)
  }
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), missed }
}

async function withServer<T>(
  contender: Contender,
  use: (server: RunningServer) => Promise<T>,
): Promise<T> {
  const server = await startServer(contender, '/health')
  try {
    return await use(server)
  } finally {
    await stopServer(server)
  }
}

async function measure(contender: Contender, token: string): Promise<Figures> {
  const latency = new Map<number, { p50: number; p99: number; missed: number }>()
  const query = `access_token=${encodeURIComponent(token)}`
  const wsKiB = await withServer(contender, async (server) => {
    for (let n = 0; n < 20; n++) await (await postTodo(server.url, token, `warm-up ${n}`)).text()
    const pid = server.process.pid!
    await sleep(SETTLE_MS)
    const before = rssMiB(pid)
    const hear = { current: (_title: string) => {} }
    const wsUrl = `${server.url.replace('http', 'ws')}/ws/todos?${query}`
    const sockets = await openSockets(wsUrl, IDLE, (title) => hear.current(title))
    await sleep(SETTLE_MS)
    const perSocket = ((rssMiB(pid) - before) * 1024) / IDLE
    for (const listeners of FAN_OUT) {
      for (const socket of sockets.splice(listeners)) socket.terminate()
      latency.set(listeners, await measureFanOut(server.url, token, listeners, hear))
      log(
        `  ${contender.id.padEnd(10)} ${listeners} clients: p99 ${fixed(latency.get(listeners)!.p99, 2)} ms`,
      )
    }
    for (const socket of sockets) socket.terminate()
    return perSocket
  })
  const sseKiB = await withServer(contender, async (server) => {
    for (let n = 0; n < 20; n++) await (await postTodo(server.url, token, `warm-up ${n}`)).text()
    const pid = server.process.pid!
    await sleep(SETTLE_MS)
    const before = rssMiB(pid)
    const streams = await openStreams(`${server.url}/todos/events?${query}`, IDLE)
    await sleep(SETTLE_MS)
    const perStream = ((rssMiB(pid) - before) * 1024) / IDLE
    for (const stream of streams) stream.destroy()
    return perStream
  })
  log(`  ${contender.id.padEnd(10)} ${fixed(wsKiB)} KiB/WebSocket ${fixed(sseKiB)} KiB/stream`)
  return { latency, wsKiB, sseKiB }
}

async function prepare(): Promise<string> {
  rmSync(DATA_DIR, { recursive: true, force: true })
  mkdirSync(DATA_DIR, { recursive: true })
  await buildTodoApp(APP_DIR)
  const app = await appModules()
  await app.migrateDatabase(DATABASE_URL)
  const [userId] = await insertUsers(DATABASE_URL, 1)
  const tokens = app.accessTokens({ JWT_SECRET, ACCESS_TOKEN_TTL: 86_400 })
  return tokens.sign({ sub: String(userId) }, { scopes: ['todos:read', 'todos:write'] })
}

const TARGET_LATENCY = 'live feed, 1 client: event p50 ≤ hand-written Hono + @hono/node-ws'

/** The one-client p50 of the todo app against the hand-written Hono server's (one round each). */
function latencyTarget(results: readonly { contender: Contender; figures?: Figures }[]): TargetRow {
  const p50 = (id: string) => {
    const p50 = results.find((result) => result.contender.id === id)?.figures?.latency.get(1)?.p50
    return p50 === undefined ? [] : [p50]
  }
  const latency = compareRounds(p50('rt-sluice'), p50('rt-hono'), 'lowest')
  return {
    target: TARGET_LATENCY,
    measured: comparisonText(latency, 'ms', 2),
    met: verdict(latency, (ratio) => ratio <= 1),
  }
}

export async function realtimeSection(): Promise<{ markdown: string; targets: TargetRow[] }> {
  const token = await prepare()
  const results: { contender: Contender; figures?: Figures; skipped?: string }[] = []
  log('\nRealtime')
  for (const contender of contenders) {
    const unavailable = contender.unavailable?.()
    if (unavailable) {
      results.push({ contender, skipped: unavailable })
      continue
    }
    try {
      results.push({ contender, figures: await measure(contender, token) })
    } catch (error) {
      results.push({ contender, skipped: `failed: ${(error as Error).message.split('\n')[0]}` })
      log(`  ${contender.id}: ${(error as Error).message}`)
    }
  }
  const measured = results.filter((result) => result.figures)
  const latencyRows = measured.map(({ contender, figures }) => [
    contender.label,
    ...[...FAN_OUT].reverse().flatMap((n) => {
      const figure = figures!.latency.get(n)
      return [
        `${fixed(figure?.p50 ?? Number.NaN, 2)} / ${fixed(figure?.p99 ?? Number.NaN, 2)}`,
        String(figure?.missed ?? '–'),
      ]
    }),
  ])
  const memoryRows = measured.map(({ contender, figures }) => [
    contender.label,
    fixed(figures!.wsKiB),
    fixed(figures!.sseKiB),
  ])
  const skipped = results
    .filter((result) => result.skipped)
    .map((result) => `- **${result.contender.label}** not measured: ${result.skipped}`)
    .join('\n')
  const markdown = `## Realtime: todo changes over WebSocket and server-sent events

One user, ${POSTS} \`POST /todos\` (after ${WARM_POSTS} uncounted) one after another (20 ms apart) while 1, 100 or 1000 WebSockets
of that user are open (\`/ws/todos?access_token=…\`); each change's latency is from just before its
POST is sent to its event arriving on each socket, so the larger fan-outs include the time the one
client process (on the load core) takes to read 1000 messages. Memory: the server's RSS growth over
${IDLE} idle WebSockets, then, on a fresh server, over ${IDLE} idle event streams
(\`/todos/events\`), per connection, ${SETTLE_MS} ms after the last opened. The peers do what the
todo app does for a change — check the JWT, insert the todo into the same SQLite file (its audit
trigger runs too), send it to the owner's connections — with none of its validation, dependency
graph, rate limit or replay log. One round: p99 over ${POSTS} × 1000 events is stable, over ${POSTS}
× 1 it is the slowest of ${POSTS}.

${table(
  [
    'server',
    ...[...FAN_OUT]
      .reverse()
      .flatMap((n) => [`${n} client${n > 1 ? 's' : ''}: p50 / p99 ms`, 'missed']),
  ],
  latencyRows,
)}

${table(['server', 'KiB per idle WebSocket', 'KiB per idle event stream'], memoryRows)}
${skipped ? `\n${skipped}\n` : ''}`
  return { markdown, targets: [latencyTarget(results)] }
}
