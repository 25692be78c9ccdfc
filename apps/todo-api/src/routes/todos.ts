import {
  type Dependency,
  HTTPError,
  HTTPException,
  requireScopes,
  respond,
  route,
  router,
} from '@sluice/core'
import { and, asc, count, desc, eq, gte, lte, or, type SQL, sql } from 'drizzle-orm'
import * as v from 'valibot'
import type { Database } from '../db/database'
import { auditLog, todos } from '../db/schema'
import type { TodoFeed } from '../live'
import { TodoCreate, TodoFilters, TodoPage, TodoPatch, TodoPublic } from '../models'
import type { CurrentUser } from '../security'

interface TodoDeps {
  readonly db: Dependency<Database, 'app'>
  readonly currentUser: CurrentUser
  /** Where every change goes, after the response, for the user's live clients. */
  readonly feed: TodoFeed
}

/** Writable todo fields; an absent or undefined field is left as it is. */
type TodoFields = {
  [K in keyof typeof todos.$inferInsert]?: (typeof todos.$inferInsert)[K] | undefined
}

const TodoId = v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)) })
const notFound = () => new HTTPException(404, 'Todo not found')

const ORDER: Record<v.InferOutput<typeof TodoFilters>['sort'], SQL[]> = {
  created_at: [asc(todos.created_at), asc(todos.id)],
  '-created_at': [desc(todos.created_at), desc(todos.id)],
  due_date: [sql`${todos.due_date} IS NULL`, asc(todos.due_date), asc(todos.id)],
  priority: [asc(todos.priority), asc(todos.id)],
  title: [asc(todos.title), asc(todos.id)],
}

/** Case-insensitive substring search; instr() needs no escaping of % and _. */
const contains = (column: typeof todos.title | typeof todos.description, text: string) =>
  sql`instr(lower(${column}), ${text.toLowerCase()}) > 0`

/** The caller's own todos. Another user's todo is answered exactly like a missing one. */
export function todoRoutes({ db, currentUser, feed }: TodoDeps) {
  const reader = requireScopes(currentUser, ['todos:read'])
  const writer = requireScopes(currentUser, ['todos:write'])
  const mine = (ownerId: number, id: number) => and(eq(todos.owner_id, ownerId), eq(todos.id, id))

  const list = route.get(
    '/',
    {
      query: TodoFilters,
      deps: { user: reader, db },
      response: TodoPage,
      summary: 'List my todos',
      description: 'Filter, search, sort and page through your todos; `total` counts every match.',
    },
    ({ query, user, db }) => {
      const where = and(
        eq(todos.owner_id, user.id),
        query.completed === undefined ? undefined : eq(todos.completed, query.completed),
        query.priority === undefined ? undefined : eq(todos.priority, query.priority),
        query.q
          ? or(contains(todos.title, query.q), contains(todos.description, query.q))
          : undefined,
        query.due_before ? lte(todos.due_date, query.due_before) : undefined,
        query.due_after ? gte(todos.due_date, query.due_after) : undefined,
      )
      const items = db
        .select()
        .from(todos)
        .where(where)
        .orderBy(...ORDER[query.sort])
        .limit(query.limit)
        .offset(query.skip)
        .all()
      const total = db.select({ total: count() }).from(todos).where(where).get()?.total ?? 0
      return { items, total, skip: query.skip, limit: query.limit }
    },
  )

  const create = route.post(
    '/',
    {
      body: TodoCreate,
      deps: { user: writer, db },
      status: 201,
      response: TodoPublic,
      summary: 'Create a todo',
    },
    ({ body, user, db, background }) => {
      const todo = db
        .insert(todos)
        .values({ ...body, owner_id: user.id })
        .returning()
        .get()
      background(() => {
        db.insert(auditLog)
          .values({ user_id: user.id, action: 'todo.created', todo_id: todo.id })
          .run()
        return feed.publish(user.id, { type: 'created', todo })
      })
      return respond(201, todo, { location: `/todos/${todo.id}` })
    },
  )

  const read = route.get(
    '/:id',
    {
      params: TodoId,
      deps: { user: reader, db },
      responses: { 200: TodoPublic, 404: HTTPError },
      summary: 'Read a todo',
    },
    ({ params, user, db }) => {
      const todo = db.select().from(todos).where(mine(user.id, params.id)).get()
      if (!todo) throw notFound()
      return todo
    },
  )

  /** Writes the given fields of one of the caller's todos (a missing todo is a 404) and tells their live clients. */
  const update = (
    database: Database,
    ownerId: number,
    id: number,
    fields: TodoFields,
    background: (task: () => unknown) => void,
  ) => {
    const todo = database
      .update(todos)
      .set({ ...fields, updated_at: new Date().toISOString() })
      .where(mine(ownerId, id))
      .returning()
      .get()
    if (!todo) throw notFound()
    background(() => feed.publish(ownerId, { type: 'updated', todo }))
    return todo
  }

  const replace = route.put(
    '/:id',
    {
      params: TodoId,
      body: TodoCreate,
      deps: { user: writer, db },
      responses: { 200: TodoPublic, 404: HTTPError },
      summary: 'Replace a todo',
      description: 'Every field is replaced; omitted fields take their defaults.',
    },
    ({ params, body, user, db, background }) => update(db, user.id, params.id, body, background),
  )

  const patch = route.patch(
    '/:id',
    {
      params: TodoId,
      body: TodoPatch,
      deps: { user: writer, db },
      responses: { 200: TodoPublic, 404: HTTPError },
      summary: 'Change some fields of a todo',
      description: 'Only the fields sent change; `null` clears `description` or `due_date`.',
    },
    ({ params, body, user, db, background }) => update(db, user.id, params.id, body, background),
  )

  const remove = route.delete(
    '/:id',
    {
      params: TodoId,
      deps: { user: writer, db },
      responses: { 204: null, 404: HTTPError },
      summary: 'Delete a todo',
    },
    ({ params, user, db, background }) => {
      const deleted = db
        .delete(todos)
        .where(mine(user.id, params.id))
        .returning({ id: todos.id })
        .get()
      if (!deleted) throw notFound()
      background(() => {
        db.insert(auditLog)
          .values({ user_id: user.id, action: 'todo.deleted', todo_id: params.id })
          .run()
        return feed.publish(user.id, { type: 'deleted', id: params.id })
      })
      return respond(204)
    },
  )

  return router({ prefix: '/todos', tags: ['todos'] }, [list, create, read, replace, patch, remove])
}
