import type { D1Database as D1Binding } from '@cloudflare/workers-types'
import { createApp, type Dependency, route } from '@sluice/core'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import { describe, expectTypeOf, test } from 'vitest'
import { applyD1Migrations, type D1Database, d1, d1ExceptionHandlers, openD1 } from './d1'
import * as schema from './fixtures/schema'

declare const binding: D1Binding

describe('D1 types', () => {
  test('openD1 gives an async drizzle SQLite database with the schema', () => {
    const db = openD1(binding, { schema })
    expectTypeOf(db).toEqualTypeOf<D1Database<typeof schema>>()
    expectTypeOf(db).toExtend<BaseSQLiteDatabase<'async', unknown, typeof schema>>()
    expectTypeOf(openD1(binding)).toEqualTypeOf<D1Database>()
  })

  test('d1() is a request-scoped dependency on the typed database', () => {
    const db = d1('DB', { schema })
    expectTypeOf(db).toEqualTypeOf<Dependency<D1Database<typeof schema>, 'request'>>()
    createApp({
      exceptionHandlers: d1ExceptionHandlers,
      routes: [
        route.get('/users', { deps: { db } }, async ({ db }) => {
          const rows = await db.query.users.findMany()
          expectTypeOf(rows).toEqualTypeOf<{ id: number; email: string }[]>()
          return rows
        }),
      ],
    })
  })

  test('applyD1Migrations takes named SQL and returns the names applied', () => {
    expectTypeOf(applyD1Migrations(binding, [{ name: '0000_users.sql', sql: '' }])).toEqualTypeOf<
      Promise<string[]>
    >()
  })

  test('rejects what is not its own', () => {
    // @ts-expect-error the binding's name, not the binding
    d1(binding)
    // @ts-expect-error logger is a boolean
    openD1(binding, { logger: 'yes' })
    // @ts-expect-error a migration needs its SQL
    applyD1Migrations(binding, [{ name: '0000_users.sql' }])
  })
})
