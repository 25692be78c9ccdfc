import {
  type AnyDependency,
  type Dependency,
  HTTPError,
  HTTPException,
  httpCache,
  respond,
  route,
  router,
} from '@sluice/core'
import * as v from 'valibot'
import { type Database, TEXT_REFUSED, writableDatabase } from '../db/database'
import type { Mailer } from '../jobs'
import type { TodoFeed } from '../live'
import { MAX_INT, TodoCreate, TodoFilters, TodoPage, TodoPatch, TodoPublic } from '../models'
import { type CurrentUser, todoReader, todoWriter } from '../security'
import {
  createTodo,
  deleteTodo,
  findTodo,
  listTodos,
  type TodoFields,
  updateTodo,
} from '../store/todos'

interface TodoDeps {
  readonly db: Dependency<Database, 'app'>
  readonly currentUser: CurrentUser
  /** Where every change goes, once stored, for the user's live clients. */
  readonly feed: TodoFeed
  /** The limit on one user's writes. */
  readonly writes: AnyDependency
  /** Plans due-date reminders (background jobs). */
  readonly mailer: Dependency<Mailer, 'app'>
}

const TodoId = v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_INT)) })

/**
 * The reads answer 304 to a client whose copy is current (its ETag, a hash of the body,
 * in If-None-Match). Each answer is one user's: `private` keeps it out of shared caches,
 * `Vary: Authorization` keeps a browser from showing it under another token, and
 * `no-cache` makes every use ask first, so a change shows at once.
 */
const perUser = { cacheControl: 'private, no-cache', vary: ['Authorization'] } as const
const perUserCache = httpCache(perUser)
const notFound = () => new HTTPException(404, 'Todo not found')

/** The caller's own todos. Another user's todo is answered exactly like a missing one. */
export function todoRoutes({ db, currentUser, feed, writes, mailer }: TodoDeps) {
  const reader = todoReader(currentUser)
  const writer = todoWriter(currentUser)
  const writable = writableDatabase(db)

  const list = route.get(
    '/',
    {
      query: TodoFilters,
      deps: { user: reader, db },
      // `q` is searched for in the database, which may refuse its text.
      responses: { 200: TodoPage, ...TEXT_REFUSED },
      httpCache: perUserCache,
      summary: 'List my todos',
      description: 'Filter, search, sort and page through your todos; `total` counts every match.',
    },
    async ({ query, user, db }) => ({
      ...(await listTodos(db, user.id, query)),
      skip: query.skip,
      limit: query.limit,
    }),
  )

  const create = route.post(
    '/',
    {
      body: TodoCreate,
      deps: { user: writer, db: writable, mailer },
      dependencies: [writes],
      status: 201,
      responses: { 201: TodoPublic, ...TEXT_REFUSED },
      summary: 'Create a todo',
    },
    async ({ body, user, db, mailer, background }) => {
      // Its audit row is written by the same statement (a trigger, see drizzle/): both or neither.
      const todo = await createTodo(db, user.id, body)
      // Live clients hear of it once it is stored: a crash may lose that, not the todo or its audit.
      background(feed.publishNow(user.id, { type: 'created', todo }))
      await mailer.remind(todo)
      return respond(201, todo, { location: `/todos/${todo.id}` })
    },
  )

  const read = route.get(
    '/:id',
    {
      params: TodoId,
      deps: { user: reader, db },
      responses: { 200: TodoPublic, 404: HTTPError },
      httpCache: httpCache({ ...perUser, lastModified: true }),
      summary: 'Read a todo',
    },
    async ({ params, user, db, response }) => {
      const todo = await findTodo(db, user.id, params.id)
      if (!todo) throw notFound()
      response.headers.set('last-modified', new Date(todo.updated_at).toUTCString())
      return todo
    },
  )

  /** Writes the given fields of one of the caller's todos (a missing todo is a 404) and tells their live clients. */
  const update = async (
    database: Database,
    ownerId: number,
    id: number,
    fields: TodoFields,
    background: (task: () => unknown) => void,
    mail: Mailer,
  ) => {
    const todo = await updateTodo(database, ownerId, id, fields)
    if (!todo) throw notFound()
    background(feed.publishNow(ownerId, { type: 'updated', todo }))
    await mail.remind(todo)
    return todo
  }

  const replace = route.put(
    '/:id',
    {
      params: TodoId,
      body: TodoCreate,
      deps: { user: writer, db: writable, mailer },
      dependencies: [writes],
      responses: { 200: TodoPublic, 404: HTTPError, ...TEXT_REFUSED },
      summary: 'Replace a todo',
      description: 'Every field is replaced; omitted fields take their defaults.',
    },
    ({ params, body, user, db, mailer, background }) =>
      update(db, user.id, params.id, body, background, mailer),
  )

  const patch = route.patch(
    '/:id',
    {
      params: TodoId,
      body: TodoPatch,
      deps: { user: writer, db: writable, mailer },
      dependencies: [writes],
      responses: { 200: TodoPublic, 404: HTTPError, ...TEXT_REFUSED },
      summary: 'Change some fields of a todo',
      description: 'Only the fields sent change; `null` clears `description` or `due_date`.',
    },
    ({ params, body, user, db, mailer, background }) =>
      update(db, user.id, params.id, body, background, mailer),
  )

  const remove = route.delete(
    '/:id',
    {
      params: TodoId,
      deps: { user: writer, db: writable },
      dependencies: [writes],
      responses: { 204: null, 404: HTTPError },
      summary: 'Delete a todo',
    },
    async ({ params, user, db, background }) => {
      if (!(await deleteTodo(db, user.id, params.id))) throw notFound()
      background(feed.publishNow(user.id, { type: 'deleted', id: params.id }))
      return respond(204)
    },
  )

  return router({ prefix: '/todos', tags: ['todos'] }, [list, create, read, replace, patch, remove])
}
