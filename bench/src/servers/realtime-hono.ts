/**
 * The todo app's live feed, hand-written on plain Hono + `@hono/node-ws`: a
 * JWT-checked `POST /todos` that inserts the todo into the same SQLite file
 * and sends `{ type: 'created', todo }` to every WebSocket (`/ws/todos`) and
 * event stream (`/todos/events`) of its owner. What Sluice's realtime routes
 * are compared with.
 */
import { serve } from '@hono/node-server'
import { createNodeWebSocket } from '@hono/node-ws'
import Database from 'better-sqlite3'
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { jwtVerify } from 'jose'
import { HOST, PORT } from './port'

const db = new Database(process.env.DATABASE_URL ?? ':memory:')
db.pragma('journal_mode = WAL')
const insertTodo = db.prepare(
  `INSERT INTO todos (owner_id, title, description, completed, priority, due_date, created_at, updated_at)
   VALUES (?, ?, NULL, 0, ?, NULL, ?, ?)
   RETURNING id, title, description, completed, priority, due_date, created_at, updated_at`,
)
const secret = new TextEncoder().encode(process.env.JWT_SECRET ?? '')

/** Each user's open connections: a send function per WebSocket or stream. */
const listeners = new Map<number, Set<(text: string) => void>>()

function listen(userId: number, send: (text: string) => void): () => void {
  const own = listeners.get(userId) ?? new Set()
  listeners.set(userId, own)
  own.add(send)
  return () => own.delete(send)
}

/** The token's user id, or nothing when the token is not valid. */
async function userOf(token: string | undefined): Promise<number | undefined> {
  if (!token) return undefined
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: 'todo-api',
      audience: 'todo-api',
    })
    return Number(payload.sub) || undefined
  } catch {
    return undefined
  }
}

const app = new Hono()
const { injectWebSocket, upgradeWebSocket } = createNodeWebSocket({ app })

app.post('/todos', async (c) => {
  const userId = await userOf(c.req.header('authorization')?.slice('Bearer '.length))
  if (!userId) return c.json({ detail: 'Not authenticated' }, 401)
  const body = (await c.req.json().catch(() => ({}))) as { title?: unknown; priority?: unknown }
  if (typeof body.title !== 'string' || !body.title)
    return c.json({ detail: 'title is required' }, 422)
  const now = new Date().toISOString()
  const row = insertTodo.get(userId, body.title, Number(body.priority) || 3, now, now) as {
    completed: number
  }
  const todo = { ...row, completed: row.completed === 1 }
  const event = JSON.stringify({ type: 'created', todo })
  for (const send of listeners.get(userId) ?? []) send(event)
  return c.json(todo, 201)
})

app.get(
  '/ws/todos',
  upgradeWebSocket(async (c) => {
    const userId = await userOf(c.req.query('access_token'))
    let stop = () => {}
    return {
      onOpen: (_event, ws) => {
        if (!userId) return ws.close(1008, 'Invalid token')
        stop = listen(userId, (text) => ws.send(text))
      },
      onClose: () => stop(),
    }
  }),
)

app.get('/todos/events', async (c) => {
  const userId = await userOf(c.req.query('access_token'))
  if (!userId) return c.json({ detail: 'Not authenticated' }, 401)
  return streamSSE(c, async (stream) => {
    const stop = listen(userId, (data) => void stream.writeSSE({ event: 'change', data }))
    await new Promise<void>((resolve) => stream.onAbort(resolve))
    stop()
  })
})

app.get('/health', (c) => c.json({ status: 'ok' }))

injectWebSocket(serve({ fetch: app.fetch, port: PORT, hostname: HOST }))
