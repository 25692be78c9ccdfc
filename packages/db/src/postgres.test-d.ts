import { createApp, type Dependency, route } from '@sluice/core'
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres'
import type { PgDatabase } from 'drizzle-orm/pg-core'
import type { Pool } from 'pg'
import { describe, expectTypeOf, test } from 'vitest'
import * as schema from './fixtures/pg-schema'
import {
  migratePostgres,
  openPostgres,
  type PostgresDatabase,
  postgres,
  postgresExceptionHandlers,
} from './postgres'

describe('postgres() types', () => {
  const db = postgres({ url: 'postgres://localhost/app', schema })

  test('is an app-scoped dependency on a drizzle PostgreSQL database with the schema', () => {
    expectTypeOf(db).toEqualTypeOf<Dependency<PostgresDatabase<typeof schema>, 'app'>>()
    expectTypeOf<PostgresDatabase<typeof schema>>().toExtend<
      PgDatabase<NodePgQueryResultHKT, typeof schema>
    >()
    expectTypeOf<PostgresDatabase['$client']>().toEqualTypeOf<Pool>()
  })

  test('handlers get the typed database', () => {
    createApp({
      exceptionHandlers: postgresExceptionHandlers,
      routes: [
        route.get('/users', { deps: { db } }, async ({ db }) => {
          const rows = await db.query.users.findMany()
          expectTypeOf(rows).toEqualTypeOf<{ id: number; email: string }[]>()
          return rows
        }),
      ],
    })
  })

  test('openPostgres and migratePostgres are async', async () => {
    const opened = await openPostgres({ url: 'postgres://localhost/app', schema })
    expectTypeOf(opened).toEqualTypeOf<PostgresDatabase<typeof schema>>()
    expectTypeOf(migratePostgres(opened, 'drizzle')).toEqualTypeOf<Promise<void>>()
  })

  test('rejects options that are not its own', () => {
    // @ts-expect-error url is required
    postgres({ schema })
    // @ts-expect-error the statement timeout is in milliseconds
    postgres({ url: 'postgres://localhost/app', statementTimeout: '10s' })
    // @ts-expect-error pool options are pg's names
    postgres({ url: 'postgres://localhost/app', pool: { size: 5 } })
  })
})
