import type { Dependency } from '@sluice/core'
import { describe, expectTypeOf, test } from 'vitest'
import * as schema from './fixtures/schema'
import {
  type CursorPage,
  type CursorPageInput,
  cursorPagination,
  type OffsetPageInput,
  offsetPagination,
  type Page,
  paginate,
  paginateByCursor,
} from './pagination'
import { openSqlite } from './sqlite'

const db = openSqlite({ url: ':memory:', schema })
const offset: OffsetPageInput = { limit: 10, offset: 0 }
const cursor: CursorPageInput = { limit: 10, after: undefined }

describe('pagination types', () => {
  test('the dependencies provide the validated inputs', () => {
    expectTypeOf(offsetPagination()).toEqualTypeOf<Dependency<OffsetPageInput, 'request'>>()
    expectTypeOf(cursorPagination({ maxLimit: 10 })).toEqualTypeOf<
      Dependency<CursorPageInput, 'request'>
    >()
  })

  test('pages carry the row type of the query', () => {
    const users = paginate(
      db.select().from(schema.users).orderBy(schema.users.id),
      db.$count(schema.users),
      offset,
    )
    expectTypeOf(users).toEqualTypeOf<Promise<Page<{ id: number; email: string }>>>()
    const emails = paginateByCursor(
      (after) => db.select({ id: schema.users.id }).from(schema.users).where(after).$dynamic(),
      schema.users.id,
      (user) => user.id,
      cursor,
    )
    expectTypeOf(emails).toEqualTypeOf<Promise<CursorPage<{ id: number }>>>()
  })

  test('the cursor key must be a selected field', () => {
    paginateByCursor(
      (after) => db.select({ id: schema.notes.id }).from(schema.notes).where(after).$dynamic(),
      schema.notes.id,
      // @ts-expect-error not a selected field
      (note) => note.title,
      cursor,
    )
  })

  test('the total is a number', () => {
    // @ts-expect-error a count must be a number
    paginate(db.select().from(schema.users), 'many', offset)
  })
})
