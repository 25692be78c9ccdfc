import { describe, expectTypeOf, test } from 'vitest'
import type * as sqlite from './schema'
import type * as pg from './schema.pg'

describe('the PostgreSQL tables', () => {
  test('are the SQLite tables, by name', () => {
    expectTypeOf<keyof typeof pg>().toEqualTypeOf<keyof typeof sqlite>()
  })

  test('read rows of the same types, so one set of queries serves both', () => {
    expectTypeOf<typeof pg.users.$inferSelect>().toEqualTypeOf<typeof sqlite.users.$inferSelect>()
    expectTypeOf<typeof pg.todos.$inferSelect>().toEqualTypeOf<typeof sqlite.todos.$inferSelect>()
    expectTypeOf<typeof pg.refreshTokens.$inferSelect>().toEqualTypeOf<
      typeof sqlite.refreshTokens.$inferSelect
    >()
    expectTypeOf<typeof pg.auditLog.$inferSelect>().toEqualTypeOf<
      typeof sqlite.auditLog.$inferSelect
    >()
    expectTypeOf<typeof pg.outbox.$inferSelect>().toEqualTypeOf<typeof sqlite.outbox.$inferSelect>()
  })

  test('write rows of the same types, defaults included', () => {
    expectTypeOf<typeof pg.users.$inferInsert>().toEqualTypeOf<typeof sqlite.users.$inferInsert>()
    expectTypeOf<typeof pg.todos.$inferInsert>().toEqualTypeOf<typeof sqlite.todos.$inferInsert>()
    expectTypeOf<typeof pg.refreshTokens.$inferInsert>().toEqualTypeOf<
      typeof sqlite.refreshTokens.$inferInsert
    >()
    expectTypeOf<typeof pg.auditLog.$inferInsert>().toEqualTypeOf<
      typeof sqlite.auditLog.$inferInsert
    >()
    expectTypeOf<typeof pg.outbox.$inferInsert>().toEqualTypeOf<typeof sqlite.outbox.$inferInsert>()
  })

  test('a column of another type would be noticed', () => {
    type Completed = (typeof pg.todos.$inferSelect)['completed']
    // @ts-expect-error SQLite reads `completed` as a boolean, not a number
    expectTypeOf<Completed>().toEqualTypeOf<number>()
    expectTypeOf<Completed>().toEqualTypeOf<boolean>()
  })
})
