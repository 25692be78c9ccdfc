import { join } from 'node:path'
import { createApp, HTTPException, route } from '@sluice/core'
import { eq } from 'drizzle-orm'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { MIGRATIONS } from './fixtures/paths'
import { notes, users } from './fixtures/schema'
import { tempDir } from './fixtures/temp'
import { openSqlite, sqlite, sqliteExceptionHandlers } from './sqlite'
import { transaction } from './transaction'

const SignUp = v.object({ email: v.string(), firstNote: v.string() })

/** Signs a user up with a first note, atomically; a note titled "forbidden" is refused after both writes. */
function signUpApp(url: string) {
  const db = sqlite({ url, migrations: MIGRATIONS })
  const app = createApp({
    exceptionHandlers: sqliteExceptionHandlers,
    routes: [
      route.post('/signup', { body: SignUp, deps: { db }, status: 201 }, ({ body, db }) =>
        transaction(db, (tx) => {
          const user = tx.insert(users).values({ email: body.email }).returning().get()
          tx.insert(notes).values({ userId: user.id, title: body.firstNote }).run()
          if (body.firstNote === 'forbidden') throw new HTTPException(403, 'Not allowed')
          return user
        }),
      ),
      route.get('/counts', { deps: { db } }, async ({ db }) => ({
        users: await db.$count(users),
        notes: await db.$count(notes),
      })),
    ],
  })
  return app
}

function signUp(app: ReturnType<typeof signUpApp>, email: string, firstNote: string) {
  return app.request('/signup', {
    method: 'POST',
    body: JSON.stringify({ email, firstNote }),
    headers: { 'content-type': 'application/json' },
  })
}

async function counts(app: ReturnType<typeof signUpApp>) {
  return (await app.request('/counts')).json()
}

describe('transaction', () => {
  test('commits every write when the work returns', async () => {
    const app = signUpApp(join(tempDir(), 'app.db'))
    const res = await signUp(app, 'a@example.com', 'hello')
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ id: 1, email: 'a@example.com' })
    expect(await counts(app)).toEqual({ users: 1, notes: 1 })
    await app.shutdown()
  })

  test('an HTTPException thrown after some writes rolls them all back and answers as usual', async () => {
    const app = signUpApp(join(tempDir(), 'app.db'))
    const res = await signUp(app, 'a@example.com', 'forbidden')
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({ detail: 'Not allowed' })
    expect(await counts(app)).toEqual({ users: 0, notes: 0 })
    await app.shutdown()
  })

  test('a constraint violation in a later statement rolls back the earlier ones and is a 400', async () => {
    const app = signUpApp(join(tempDir(), 'app.db'))
    const res = await signUp(app, 'a@example.com', '')
    expect(res.status).toBe(400)
    expect(await counts(app)).toEqual({ users: 0, notes: 0 })
    await app.shutdown()
  })

  test('begins IMMEDIATE by default: the write lock is held from the start', () => {
    const url = join(tempDir(), 'app.db')
    const db = openSqlite({ url, migrations: MIGRATIONS })
    const other = openSqlite({ url, pragmas: { busy_timeout: 0 } })
    transaction(db, () => {
      // Nothing written yet, yet another connection cannot write.
      expect(() => other.insert(users).values({ email: 'b@example.com' }).run()).toThrow(
        /database is locked/,
      )
    })
    transaction(
      db,
      () => {
        other.insert(users).values({ email: 'b@example.com' }).run()
      },
      'deferred',
    )
    expect(db.select().from(users).where(eq(users.email, 'b@example.com')).all()).toHaveLength(1)
    db.$client.close()
    other.$client.close()
  })

  test('an async callback is refused at run time too, after rolling back', () => {
    const db = openSqlite({ url: ':memory:', migrations: MIGRATIONS })
    const work = (async () => {}) as unknown as () => void
    expect(() =>
      transaction(db, (tx) => {
        tx.insert(users).values({ email: 'a@example.com' }).run()
        return work()
      }),
    ).toThrow(/cannot return a promise/)
    expect(db.select().from(users).all()).toEqual([])
    db.$client.close()
  })
})
