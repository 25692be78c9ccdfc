/**
 * The todo app's `GET /todos`, hand-written on plain Hono + drizzle: the same
 * middleware, the same JWT checks (HS256, issuer, audience, scope), the same
 * SQLite file and queries, prepared once as drizzle recommends for hot paths,
 * the same filtered page — with none of Sluice's machinery. What Sluice's whole
 * app is compared with.
 */
import { serve } from '@hono/node-server'
import Database from 'better-sqlite3'
import { count, desc, eq, sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { jwtVerify } from 'jose'
import { todos, users } from '../../../apps/todo-api/src/db/schema'
import { HOST, PORT } from './port'

const db = drizzle(new Database(process.env.DATABASE_URL ?? ':memory:'))
const secret = new TextEncoder().encode(process.env.JWT_SECRET ?? '')
const LIST_PATH = process.env.TODO_LIST_PATH ?? '/todos'
const DIGITS = /^[0-9]{1,9}$/

type Todo = typeof todos.$inferSelect

const userById = db
  .select()
  .from(users)
  .where(eq(users.id, sql.placeholder('id')))
  .prepare()
const ownTodos = eq(todos.owner_id, sql.placeholder('owner'))
const pageOfTodos = db
  .select()
  .from(todos)
  .where(ownTodos)
  .orderBy(desc(todos.created_at), desc(todos.id))
  .limit(sql.placeholder('limit'))
  .offset(sql.placeholder('skip'))
  .prepare()
const todoCount = db.select({ total: count() }).from(todos).where(ownTodos).prepare()

const problem = (status: 401 | 403 | 422, detail: unknown) =>
  new Response(JSON.stringify({ detail }), {
    status,
    headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' },
  })

/** The signed-in user's row, or the error response. */
async function currentUser(authorization: string | undefined) {
  if (!authorization?.startsWith('Bearer ')) return problem(401, 'Not authenticated')
  let payload: { sub?: unknown; scope?: unknown }
  try {
    ;({ payload } = await jwtVerify(authorization.slice(7), secret, {
      algorithms: ['HS256'],
      issuer: 'todo-api',
      audience: 'todo-api',
    }))
  } catch {
    return problem(401, 'Invalid token')
  }
  if (typeof payload.sub !== 'string' || !DIGITS.test(payload.sub))
    return problem(401, 'Invalid token')
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : []
  if (!scopes.includes('todos:read')) return problem(403, 'Not enough permissions')
  const user = userById.get({ id: Number(payload.sub) })
  return user ?? problem(401, 'Invalid token')
}

function pageOf(skipText: string | undefined, limitText: string | undefined) {
  const skip = skipText === undefined ? 0 : DIGITS.test(skipText) ? Number(skipText) : -1
  const limit = limitText === undefined ? 20 : DIGITS.test(limitText) ? Number(limitText) : -1
  return skip >= 0 && limit >= 1 && limit <= 100 ? { skip, limit } : undefined
}

/** Response filtering by hand: only the public fields leave. */
const publicTodo = (todo: Todo) => ({
  id: todo.id,
  title: todo.title,
  description: todo.description,
  completed: todo.completed,
  priority: todo.priority,
  due_date: todo.due_date,
  created_at: todo.created_at,
  updated_at: todo.updated_at,
})

const app = new Hono()
app.use(requestId(), secureHeaders(), cors({ origin: [], credentials: false }))
app.get(LIST_PATH, async (c) => {
  const user = await currentUser(c.req.header('authorization'))
  if (user instanceof Response) return user
  const page = pageOf(c.req.query('skip'), c.req.query('limit'))
  if (!page) return problem(422, [{ loc: ['query'], msg: 'invalid skip or limit' }])
  const values = { owner: user.id, ...page }
  const items = pageOfTodos.all(values)
  const total = todoCount.get(values)?.total ?? 0
  return c.json({ items: items.map(publicTodo), total, ...page })
})

serve({ fetch: app.fetch, port: PORT, hostname: HOST })
