import SchemaBuilder from '@pothos/core'
import {
  type AnyDependency,
  type Dependency,
  depends,
  HTTPException,
  validateJSON,
} from '@sluice/core'
import { type GraphQLContext, subscription } from '@sluice/graphql'
import type { GraphQLSchema } from 'graphql'
import { type Database, writableDatabase } from './db/database'
import type { Mailer } from './jobs'
import { type TodoChange, type TodoFeed, tokenExpiry } from './live'
import { TodoCreate, TodoFilters, TodoPatch } from './models'
import { bearerToken, type CurrentUser, todoReader, todoWriter } from './security'
import { createTodo, deleteTodo, findTodo, listTodos, type Todo, updateTodo } from './store/todos'

/** What the schema's resolvers use: the REST routes' dependencies and feed. */
export interface TodoSchemaDeps {
  readonly db: Dependency<Database, 'app'>
  readonly currentUser: CurrentUser
  readonly feed: TodoFeed
  /** The limit on one user's writes, the one the REST routes count. */
  readonly writes: AnyDependency
  /** Plans due-date reminders (background jobs), as for the REST routes. */
  readonly mailer: Dependency<Mailer, 'app'>
}

const notFound = () => new HTTPException(404, 'Todo not found')

/**
 * The todo API as a GraphQL schema (Pothos), over the same store and with the
 * same rules as the REST routes: a bearer token with `todos:read` to read and
 * `todos:write` to write, only the caller's own todos (another user's is "not
 * found"), the REST models' validation, the writes limit counted once per
 * mutation, and due-date reminders planned on create and update. `todoChanged`
 * streams the caller's changes (server-sent events) from the feed the REST
 * routes publish to.
 */
export function todoSchema({
  db,
  currentUser,
  feed,
  writes,
  mailer,
}: TodoSchemaDeps): GraphQLSchema {
  const reader = todoReader(currentUser)
  const writer = todoWriter(currentUser)
  const writable = writableDatabase(db)
  // Fresh for every mutation, so each is counted as one REST write is, aliases included.
  const write = depends(
    { user: writer, db: writable, limit: writes, mailer },
    ({ user, db, mailer }) => ({ user, db, mailer }),
    { cache: false, name: 'graphqlWrite' },
  )
  const read = depends({ user: reader, db }, ({ user, db }) => ({ user, db }))
  const expiry = tokenExpiry(bearerToken)

  const builder = new SchemaBuilder<{ Context: GraphQLContext }>({})

  const TodoRef = builder.objectRef<Todo>('Todo').implement({
    fields: (t) => ({
      id: t.exposeInt('id'),
      title: t.exposeString('title'),
      description: t.exposeString('description', { nullable: true }),
      completed: t.exposeBoolean('completed'),
      priority: t.exposeInt('priority'),
      due_date: t.exposeString('due_date', { nullable: true }),
      created_at: t.exposeString('created_at'),
      updated_at: t.exposeString('updated_at'),
    }),
  })

  const TodoPageRef = builder
    .objectRef<{ items: Todo[]; total: number; skip: number; limit: number }>('TodoPage')
    .implement({
      fields: (t) => ({
        items: t.field({ type: [TodoRef], resolve: (page) => page.items }),
        total: t.exposeInt('total'),
        skip: t.exposeInt('skip'),
        limit: t.exposeInt('limit'),
      }),
    })

  // The REST models' fields; values are judged by those models, not here.
  const TodoInput = builder.inputType('TodoInput', {
    fields: (t) => ({
      title: t.string({ required: true }),
      description: t.string(),
      completed: t.boolean(),
      priority: t.int(),
      due_date: t.string(),
    }),
  })
  const TodoPatchInput = builder.inputType('TodoPatchInput', {
    fields: (t) => ({
      title: t.string(),
      description: t.string(),
      completed: t.boolean(),
      priority: t.int(),
      due_date: t.string(),
    }),
  })

  const ChangeRef = builder.objectRef<TodoChange>('TodoChange').implement({
    fields: (t) => ({
      type: t.exposeString('type'),
      todo: t.field({
        type: TodoRef,
        nullable: true,
        resolve: (change) => ('todo' in change ? (change.todo as Todo) : null),
      }),
      id: t.int({
        nullable: true,
        resolve: (change) => ('id' in change ? change.id : change.todo.id),
      }),
    }),
  })

  builder.queryType({
    fields: (t) => ({
      todos: t.field({
        type: TodoPageRef,
        args: {
          completed: t.arg.boolean(),
          priority: t.arg.int(),
          q: t.arg.string(),
          due_before: t.arg.string(),
          due_after: t.arg.string(),
          sort: t.arg.string(),
          skip: t.arg.int(),
          limit: t.arg.int(),
        },
        resolve: async (_, args, ctx) => {
          const { user, db } = await ctx.use(read)
          const filters = validateJSON(TodoFilters, withoutNulls(args))
          const page = await listTodos(db, user.id, filters)
          return { ...page, skip: filters.skip, limit: filters.limit }
        },
      }),
      todo: t.field({
        type: TodoRef,
        args: { id: t.arg.int({ required: true }) },
        resolve: async (_, { id }, ctx) => {
          const { user, db } = await ctx.use(read)
          return (await findTodo(db, user.id, id)) ?? Promise.reject(notFound())
        },
      }),
    }),
  })

  builder.mutationType({
    fields: (t) => ({
      createTodo: t.field({
        type: TodoRef,
        args: { input: t.arg({ type: TodoInput, required: true }) },
        resolve: async (_, { input }, ctx) => {
          const { user, db, mailer } = await ctx.use(write)
          const todo = await createTodo(db, user.id, validateJSON(TodoCreate, withoutNulls(input)))
          ctx.background(feed.publishNow(user.id, { type: 'created', todo }))
          await mailer.remind(todo)
          return todo
        },
      }),
      updateTodo: t.field({
        type: TodoRef,
        args: {
          id: t.arg.int({ required: true }),
          input: t.arg({ type: TodoPatchInput, required: true }),
        },
        resolve: async (_, { id, input }, ctx) => {
          const { user, db, mailer } = await ctx.use(write)
          // Here `null` clears a field, as in PATCH: the input goes as sent.
          const todo = await updateTodo(db, user.id, id, validateJSON(TodoPatch, input))
          if (!todo) throw notFound()
          ctx.background(feed.publishNow(user.id, { type: 'updated', todo }))
          await mailer.remind(todo)
          return todo
        },
      }),
      deleteTodo: t.boolean({
        args: { id: t.arg.int({ required: true }) },
        resolve: async (_, { id }, ctx) => {
          const { user, db } = await ctx.use(write)
          if (!(await deleteTodo(db, user.id, id))) throw notFound()
          ctx.background(feed.publishNow(user.id, { type: 'deleted', id }))
          return true
        },
      }),
    }),
  })

  builder.subscriptionType({
    fields: (t) => ({
      todoChanged: t.field({
        type: ChangeRef,
        subscribe: async (_, __, ctx) => {
          const { user } = await ctx.use(read)
          // It ends when the token does, as the REST feed's `until` ends it.
          const until = await ctx.use(expiry)
          return subscription<TodoChange>(
            (push, closed) =>
              feed.follow(user.id, undefined, (event) => push(event.change), closed),
            { until },
          )
        },
        resolve: (change) => change,
      }),
    }),
  })

  return builder.toSchema()
}

/** GraphQL arguments with the ones sent as `null` left out, so the model's defaults apply. */
function withoutNulls(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([, value]) => value != null))
}
