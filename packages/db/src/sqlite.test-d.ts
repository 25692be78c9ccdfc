import { createApp, type Dependency, route } from '@sluice/core'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import { describe, expectTypeOf, test } from 'vitest'
import * as schema from './fixtures/schema'
import { type SQLiteDatabase, sqlite, sqliteExceptionHandlers } from './sqlite'

describe('sqlite() types', () => {
  const db = sqlite({ url: ':memory:', schema })

  test('is an app-scoped dependency on a drizzle SQLite database with the schema', () => {
    expectTypeOf(db).toEqualTypeOf<Dependency<SQLiteDatabase<typeof schema>, 'app'>>()
    expectTypeOf<SQLiteDatabase<typeof schema>>().toExtend<
      BaseSQLiteDatabase<'sync', unknown, typeof schema>
    >()
  })

  test('handlers get the typed database', () => {
    createApp({
      exceptionHandlers: sqliteExceptionHandlers,
      routes: [
        route.get('/users', { deps: { db } }, ({ db }) => {
          const rows = db.query.users.findMany().sync()
          expectTypeOf(rows).toEqualTypeOf<{ id: number; email: string }[]>()
          return rows
        }),
      ],
    })
  })

  test('rejects options that are not its own', () => {
    // @ts-expect-error url is required
    sqlite({ schema })
    // @ts-expect-error pragma values are strings, numbers or booleans
    sqlite({ url: ':memory:', pragmas: { synchronous: null } })
  })
})
