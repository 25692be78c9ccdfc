import type { Client } from '@libsql/client'
import { createApp, type Dependency, route } from '@sluice/core'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import { describe, expectTypeOf, test } from 'vitest'
import * as schema from './fixtures/schema'
import { type LibsqlDatabase, libsql, libsqlExceptionHandlers, openLibsql } from './libsql'

describe('libsql() types', () => {
  const db = libsql({ url: 'file:data/app.db', schema })

  test('is an app-scoped dependency on an async drizzle SQLite database with the schema', () => {
    expectTypeOf(db).toEqualTypeOf<Dependency<LibsqlDatabase<typeof schema>, 'app'>>()
    expectTypeOf<LibsqlDatabase<typeof schema>>().toExtend<
      BaseSQLiteDatabase<'async', unknown, typeof schema>
    >()
    expectTypeOf<LibsqlDatabase['$client']>().toEqualTypeOf<Client>()
  })

  test('handlers get the typed database', () => {
    createApp({
      exceptionHandlers: libsqlExceptionHandlers,
      routes: [
        route.get('/users', { deps: { db } }, async ({ db }) => {
          const rows = await db.query.users.findMany()
          expectTypeOf(rows).toEqualTypeOf<{ id: number; email: string }[]>()
          return rows
        }),
      ],
    })
  })

  test('openLibsql is async', () => {
    expectTypeOf(openLibsql({ url: ':memory:', schema })).toEqualTypeOf<
      Promise<LibsqlDatabase<typeof schema>>
    >()
  })

  test('rejects options that are not its own', () => {
    // @ts-expect-error url is required
    libsql({ schema })
    // @ts-expect-error the auth token is a string
    libsql({ url: 'libsql://app.turso.io', authToken: 42 })
    // @ts-expect-error libSQL takes no pragmas
    libsql({ url: ':memory:', pragmas: { synchronous: 'FULL' } })
  })
})
