import { depends } from '@sluice/core'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import { describe, expectTypeOf, test } from 'vitest'
import type * as schema from './fixtures/pg-schema'
import { requestTransaction } from './request-transaction'
import { findById, updateById } from './rows'

declare const opened: NodePgDatabase<typeof schema>

describe('requestTransaction', () => {
  test("gives the driver's transaction, function-scoped", () => {
    const tx = requestTransaction(depends(() => opened, { scope: 'app' }))
    expectTypeOf(tx.scope).toEqualTypeOf<'function'>()
    // The transaction has the database's query API and the schema's relational queries.
    type Tx = NonNullable<(typeof tx)['~value']>
    expectTypeOf<Tx['rollback']>().toBeFunction()
    expectTypeOf<Tx['query']['users']['findMany']>().toBeFunction()
  })
})

describe('findById and updateById', () => {
  test("answer the table's row type", async () => {
    const table = {} as typeof schema.users
    expectTypeOf(await findById(opened, table, 1)).toEqualTypeOf<
      typeof schema.users.$inferSelect | undefined
    >()
    expectTypeOf(await updateById(opened, table, 1, {})).toEqualTypeOf<
      typeof schema.users.$inferSelect | undefined
    >()
    // @ts-expect-error not a column of users
    await updateById(opened, table, 1, { title: 'x' })
  })
})
