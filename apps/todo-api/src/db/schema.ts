/*
 * The tables on SQLite: the embedded default (better-sqlite3), libSQL and D1.
 * `schema.pg.ts` holds their PostgreSQL twins, with the same row types.
 *
 * Column keys are snake_case like the API's fields, so rows are returned as they
 * are and the response schemas drop what must not leave (owner_id, password_hash).
 */
import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { isoNow } from './time'

/** When a row was written, as an ISO 8601 string: sortable, and the same text on every database. */
const timestamp = (name: string) => text(name).notNull().$defaultFn(isoNow)

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** Stored lowercased, so uniqueness is case-insensitive. */
  email: text('email').notNull().unique(),
  full_name: text('full_name'),
  password_hash: text('password_hash').notNull(),
  created_at: timestamp('created_at'),
})

export const todos = sqliteTable(
  'todos',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    owner_id: integer('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description'),
    completed: integer('completed', { mode: 'boolean' }).notNull().default(false),
    priority: integer('priority').notNull().default(3),
    /** An ISO date (YYYY-MM-DD). */
    due_date: text('due_date'),
    created_at: timestamp('created_at'),
    updated_at: timestamp('updated_at'),
  },
  (table) => [
    index('todos_owner_created_idx').on(table.owner_id, table.created_at),
    check('todos_priority_range', sql`${table.priority} BETWEEN 1 AND 5`),
  ],
)

/**
 * Refresh tokens, stored as SHA-256 hashes. Each login starts a family; every
 * refresh replaces the token with a new one of the same family, and presenting a
 * replaced token again revokes the whole family (reuse detection).
 */
export const refreshTokens = sqliteTable(
  'refresh_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    user_id: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    family_id: text('family_id').notNull(),
    /** The scopes granted at login, space-separated, kept across rotations. */
    scope: text('scope').notNull().default(''),
    token_hash: text('token_hash').notNull().unique(),
    expires_at: text('expires_at').notNull(),
    replaced_at: text('replaced_at'),
    revoked_at: text('revoked_at'),
    created_at: timestamp('created_at'),
  },
  (table) => [index('refresh_tokens_family_idx').on(table.family_id)],
)

/**
 * What happened to which todo, written by triggers on `todos` (migration 0001) in
 * the statement that creates or deletes the todo, so neither is kept without the other.
 */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  user_id: integer('user_id').notNull(),
  action: text('action').notNull(),
  todo_id: integer('todo_id'),
  created_at: timestamp('created_at'),
})

/**
 * Mail the app sends (welcome, due-date reminders), written by its jobs (src/jobs.ts): there is no
 * mail server here, so this table is the outbox a mailer would read. `key` makes a job that runs
 * twice (delivery is at least once) write one row.
 */
export const outbox = sqliteTable('outbox', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  key: text('key').notNull().unique(),
  user_id: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  recipient: text('recipient').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  created_at: timestamp('created_at'),
})
