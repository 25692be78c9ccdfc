/*
 * The todo queries, shared by every database: see `Orm` in ../db/database.
 * Every query is scoped to its owner, so another user's todo reads as missing.
 */
import { and, asc, count, desc, eq, gte, lte, or, type SQL, sql } from 'drizzle-orm'
import type * as v from 'valibot'
import { bound, type Database, insertedRow, preparedQueries, type Tables } from '../db/database'
import { isoNow } from '../db/time'
import type { SORTABLE, TodoFilters } from '../models'

type TodoTable = Tables['todos']
export type Todo = TodoTable['$inferSelect']

/** Writable todo fields; an absent or undefined field is left as it is. */
export type TodoFields = {
  [K in Exclude<keyof TodoTable['$inferInsert'], 'id' | 'owner_id'>]?:
    | TodoTable['$inferInsert'][K]
    | undefined
}

type Filters = v.InferOutput<typeof TodoFilters>

/**
 * The order of a sort: its field ascending, or descending with a leading `-`,
 * then the id the same way so pages never overlap. Todos without a due date
 * come last either way.
 */
function orderBy(todos: TodoTable, sort: Filters['sort']): SQL[] {
  const descending = sort.startsWith('-')
  const field = (descending ? sort.slice(1) : sort) as (typeof SORTABLE)[number]
  const direction = descending ? desc : asc
  const undatedLast = field === 'due_date' ? [sql`${todos.due_date} IS NULL`] : []
  return [...undatedLast, direction(todos[field]), direction(todos.id)]
}

/** A `LIKE` pattern matching `text` anywhere; `%`, `_` and `\` in it match themselves. */
const substringPattern = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`

/**
 * Case-insensitive substring search with the database's own `lower()` on both
 * sides, so text and pattern fold alike: every letter on PostgreSQL, ASCII
 * letters on SQLite (whose `lower()` leaves others as they are).
 */
const contains = (column: TodoTable['title'] | TodoTable['description']) =>
  sql`lower(${column}) LIKE lower(${sql.placeholder('pattern')}) ESCAPE '\\'`

/** The owner's todos that match the filters given; each filter's value is a placeholder. */
function matching(todos: TodoTable, filters: Filters): SQL | undefined {
  return and(
    eq(todos.owner_id, bound(todos.owner_id, 'owner')),
    filters.completed === undefined
      ? undefined
      : eq(todos.completed, bound(todos.completed, 'completed')),
    filters.priority === undefined
      ? undefined
      : eq(todos.priority, bound(todos.priority, 'priority')),
    filters.q ? or(contains(todos.title), contains(todos.description)) : undefined,
    filters.due_before ? lte(todos.due_date, bound(todos.due_date, 'before')) : undefined,
    filters.due_after ? gte(todos.due_date, bound(todos.due_date, 'after')) : undefined,
  )
}

/** Which filters are given, and the sort: queries of one shape differ only in their values. */
const shapeOf = (filters: Filters) =>
  [
    filters.sort,
    filters.completed !== undefined,
    filters.priority !== undefined,
    Boolean(filters.q),
    Boolean(filters.due_before),
    Boolean(filters.due_after),
  ].join()

function preparePage({ orm, tables: { todos } }: Database, filters: Filters) {
  const where = matching(todos, filters)
  return {
    items: orm
      .select()
      .from(todos)
      .where(where)
      .orderBy(...orderBy(todos, filters.sort))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('skip'))
      .prepare(),
    total: orm.select({ total: count() }).from(todos).where(where).prepare(),
  }
}

const pages = preparedQueries<ReturnType<typeof preparePage>>()

/** One page of the owner's todos matching the filters, and how many match in all. */
export async function listTodos(
  db: Database,
  ownerId: number,
  filters: Filters,
): Promise<{ items: Todo[]; total: number }> {
  const page = pages(db, shapeOf(filters), () => preparePage(db, filters))
  const values = {
    owner: ownerId,
    completed: filters.completed,
    priority: filters.priority,
    pattern: filters.q && substringPattern(filters.q),
    before: filters.due_before,
    after: filters.due_after,
    limit: filters.limit,
    skip: filters.skip,
  }
  const [items, [counted]] = await Promise.all([
    page.items.execute(values),
    page.total.execute(values),
  ])
  return { items, total: counted?.total ?? 0 }
}

const mine = (todos: TodoTable, ownerId: number, id: number) =>
  and(eq(todos.owner_id, ownerId), eq(todos.id, id))

export async function createTodo(
  { orm, tables: { todos } }: Database,
  ownerId: number,
  fields: Omit<TodoTable['$inferInsert'], 'owner_id'>,
): Promise<Todo> {
  return insertedRow(
    await orm
      .insert(todos)
      .values({ ...fields, owner_id: ownerId })
      .returning(),
  )
}

export async function findTodo(
  { orm, tables: { todos } }: Database,
  ownerId: number,
  id: number,
): Promise<Todo | undefined> {
  const [todo] = await orm
    .select()
    .from(todos)
    .where(mine(todos, ownerId, id))
  return todo
}

/** Writes the given fields and the update time; `undefined` when the owner has no such todo. */
export async function updateTodo(
  { orm, tables: { todos } }: Database,
  ownerId: number,
  id: number,
  fields: TodoFields,
): Promise<Todo | undefined> {
  const [todo] = await orm
    .update(todos)
    .set({ ...fields, updated_at: isoNow() })
    .where(mine(todos, ownerId, id))
    .returning()
  return todo
}

/** Whether the owner had such a todo, now deleted. */
export async function deleteTodo(
  { orm, tables: { todos } }: Database,
  ownerId: number,
  id: number,
): Promise<boolean> {
  const deleted = await orm
    .delete(todos)
    .where(mine(todos, ownerId, id))
    .returning({ id: todos.id })
  return deleted.length > 0
}
