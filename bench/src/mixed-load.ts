/**
 * A scripted mix of todo operations by several users over keep-alive
 * connections: each connection is one client of one user, looping through
 * list, create, patch and delete of that user's todos in a fixed
 * pseudo-random order (the same sequence every run), recording each request's
 * latency. Every answer must have its expected status; what each client
 * created and deleted is kept, so lost writes can be counted afterwards.
 */
import { Agent, request } from 'node:http'

export type Operation = 'list' | 'create' | 'patch' | 'delete'

/** Shares of the mix, in percent: mostly reads, as a todo app is used. */
export const MIX: Readonly<Record<Operation, number>> = {
  list: 60,
  create: 15,
  patch: 15,
  delete: 10,
}

/** One user the load acts as: a token, and the ids of the todos it starts with. */
export interface MixedUser {
  readonly token: string
  readonly todoIds: readonly number[]
}

export interface MixedResult {
  readonly requests: number
  readonly seconds: number
  readonly byOperation: Readonly<Record<Operation, number>>
  /** Every request's latency in ms, in no particular order. */
  readonly latenciesMs: number[]
  /** Answers with an unexpected status, as `status op: body`; the first few only. */
  readonly failures: string[]
  readonly failureCount: number
  /** Per user (same order as given): the ids of the todos the clients believe it has now. */
  readonly todoIds: number[][]
}

const EXPECTED: Readonly<Record<Operation, number>> = {
  list: 200,
  create: 201,
  patch: 200,
  delete: 204,
}

/** A small seeded generator (mulberry32), so every run sends the same sequence. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pickOperation(draw: number, owned: number): Operation {
  let threshold = 0
  for (const [operation, share] of Object.entries(MIX) as [Operation, number][]) {
    threshold += share / 100
    // A client with few todos left creates instead of deleting, so it never runs dry.
    if (draw < threshold) return operation === 'delete' && owned < 5 ? 'create' : operation
  }
  return 'list'
}

interface Answer {
  readonly status: number
  readonly body: string
}

function send(
  agent: Agent,
  url: URL,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload && {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          }),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

/** One client's loop; `owned` is its share of the user's todos, which only it touches. */
async function client(
  agent: Agent,
  url: URL,
  token: string,
  owned: number[],
  seed: number,
  until: number,
  result: MixedResult & { requests: number; failureCount: number },
): Promise<void> {
  const draw = random(seed)
  let n = 0
  while (performance.now() < until) {
    const operation = pickOperation(draw(), owned.length)
    const target = owned[Math.floor(draw() * owned.length)]
    n++
    const started = performance.now()
    let answer: Answer
    try {
      if (operation === 'list') answer = await send(agent, url, 'GET', '/todos?limit=20', token)
      else if (operation === 'create')
        answer = await send(agent, url, 'POST', '/todos', token, {
          title: `Bench todo ${seed}-${n}`,
          priority: (n % 5) + 1,
        })
      else if (operation === 'patch')
        answer = await send(agent, url, 'PATCH', `/todos/${target}`, token, {
          completed: n % 2 === 0,
          priority: (n % 5) + 1,
        })
      else answer = await send(agent, url, 'DELETE', `/todos/${target}`, token)
    } catch (error) {
      answer = { status: 0, body: (error as Error).message }
    }
    result.latenciesMs.push(performance.now() - started)
    result.requests++
    ;(result.byOperation as Record<Operation, number>)[operation]++
    if (answer.status !== EXPECTED[operation]) {
      result.failureCount++
      if (result.failures.length < 5)
        result.failures.push(`${answer.status} ${operation}: ${answer.body.slice(0, 160)}`)
      continue
    }
    if (operation === 'create') owned.push((JSON.parse(answer.body) as { id: number }).id)
    if (operation === 'delete') owned.splice(owned.indexOf(target!), 1)
  }
}

/**
 * Runs the mix for `seconds` with `clientsPerUser` connections per user; each
 * client owns an equal share of its user's starting todos.
 *
 * @example
 * ```ts
 * const result = await runMixed('http://127.0.0.1:19000', users, { seconds: 5, clientsPerUser: 2 })
 * ```
 */
export async function runMixed(
  base: string,
  users: readonly MixedUser[],
  options: { seconds: number; clientsPerUser: number; seed?: number },
): Promise<MixedResult> {
  const url = new URL(base)
  const agent = new Agent({ keepAlive: true, maxSockets: users.length * options.clientsPerUser })
  const result = {
    requests: 0,
    seconds: options.seconds,
    byOperation: { list: 0, create: 0, patch: 0, delete: 0 },
    latenciesMs: [] as number[],
    failures: [] as string[],
    failureCount: 0,
    todoIds: [] as number[][],
  }
  const until = performance.now() + options.seconds * 1000
  const shares = users.map((user) =>
    Array.from({ length: options.clientsPerUser }, (_, c) =>
      user.todoIds.filter((_, i) => i % options.clientsPerUser === c),
    ),
  )
  const started = performance.now()
  await Promise.all(
    shares.flatMap((userShares, u) =>
      userShares.map((owned, c) =>
        client(
          agent,
          url,
          users[u]!.token,
          owned,
          (options.seed ?? 1) * 1000 + u * 10 + c,
          until,
          result,
        ),
      ),
    ),
  )
  result.seconds = (performance.now() - started) / 1000
  agent.destroy()
  result.todoIds = shares.map((userShares) => userShares.flat())
  return result
}

/** How many todos the server says each user has now (`total` of a one-item page). */
export async function serverTodoCounts(
  base: string,
  users: readonly MixedUser[],
): Promise<number[]> {
  const agent = new Agent({ keepAlive: false })
  const url = new URL(base)
  const counts = await Promise.all(
    users.map(async (user) => {
      const answer = await send(agent, url, 'GET', '/todos?limit=1', user.token)
      return (JSON.parse(answer.body) as { total: number }).total
    }),
  )
  agent.destroy()
  return counts
}
