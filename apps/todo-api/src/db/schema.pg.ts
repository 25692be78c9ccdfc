/*
 * The tables of `schema.ts` on PostgreSQL. Every column has the same name and
 * the same TypeScript type as its SQLite twin (schema.test-d.ts checks it), so
 * the queries in src/store run unchanged on both. Timestamps stay ISO 8601 text
 * so the API answers the same bytes whatever the database.
 */
import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { isoNow } from './time'

const timestamp = (name: string) => text(name).notNull().$defaultFn(isoNow)
const id = () => integer('id').primaryKey().generatedByDefaultAsIdentity()

export const users = pgTable('users', {
  id: id(),
  /** Stored lowercased, so uniqueness is case-insensitive. */
  email: text('email').notNull().unique(),
  full_name: text('full_name'),
  password_hash: text('password_hash').notNull(),
  created_at: timestamp('created_at'),
})

export const todos = pgTable(
  'todos',
  {
    id: id(),
    owner_id: integer('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description'),
    completed: boolean('completed').notNull().default(false),
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

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: id(),
    user_id: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    family_id: text('family_id').notNull(),
    scope: text('scope').notNull().default(''),
    token_hash: text('token_hash').notNull().unique(),
    expires_at: text('expires_at').notNull(),
    replaced_at: text('replaced_at'),
    revoked_at: text('revoked_at'),
    created_at: timestamp('created_at'),
  },
  (table) => [index('refresh_tokens_family_idx').on(table.family_id)],
)

export const auditLog = pgTable('audit_log', {
  id: id(),
  user_id: integer('user_id').notNull(),
  action: text('action').notNull(),
  todo_id: integer('todo_id'),
  created_at: timestamp('created_at'),
})

export const outbox = pgTable('outbox', {
  id: id(),
  key: text('key').notNull().unique(),
  user_id: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  recipient: text('recipient').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  created_at: timestamp('created_at'),
})
