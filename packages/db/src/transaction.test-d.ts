import { describe, expectTypeOf, test } from 'vitest'
import * as schema from './fixtures/schema'
import { openSqlite } from './sqlite'
import { transaction } from './transaction'

describe('transaction types', () => {
  const db = openSqlite({ url: ':memory:', schema })

  test('returns what the work returns, with a typed transaction', () => {
    const user = transaction(db, (tx) =>
      tx.insert(schema.users).values({ email: 'a' }).returning().get(),
    )
    expectTypeOf(user).toEqualTypeOf<{ id: number; email: string }>()
    transaction(db, (tx) => {
      expectTypeOf(tx.query.users.findFirst().sync()).toEqualTypeOf<
        { id: number; email: string } | undefined
      >()
    })
  })

  test('rejects async work, which would commit before its awaits', () => {
    // @ts-expect-error a transaction on better-sqlite3 must be synchronous
    transaction(db, async (tx) => tx.select().from(schema.users).all())
  })

  test('rejects an unknown behavior', () => {
    // @ts-expect-error not a SQLite transaction behavior
    transaction(db, () => 1, 'serializable')
  })
})
