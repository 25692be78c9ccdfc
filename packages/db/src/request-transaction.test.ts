import { createApp, depends, HTTPException, route } from '@sluice/core'
import * as v from 'valibot'
import { expect, test } from 'vitest'
import * as schema from './fixtures/pg-schema'
import { describePostgres, freshDatabase, PG_MIGRATIONS } from './fixtures/postgres'
import { openPostgres } from './postgres'
import { requestTransaction } from './request-transaction'
import { openSqlite } from './sqlite'

const SignUp = v.object({ email: v.string(), firstNote: v.string() })

describePostgres('requestTransaction: one transaction per request, as a dependency', (url) => {
  async function signUpApp() {
    const opened = await openPostgres({
      url: await freshDatabase(url),
      schema,
      migrations: PG_MIGRATIONS,
    })
    const db = depends(() => opened, { scope: 'app' })
    const tx = requestTransaction(db)
    const app = createApp({
      routes: [
        route.post('/signup', { body: SignUp, deps: { tx }, status: 201 }, async ({ body, tx }) => {
          const [user] = await tx.insert(schema.users).values({ email: body.email }).returning()
          await tx.insert(schema.notes).values({ userId: user!.id, title: body.firstNote })
          if (body.firstNote === 'forbidden') throw new HTTPException(403, 'Not allowed')
          return user
        }),
      ],
    })
    const counts = async () => ({
      users: await opened.$count(schema.users),
      notes: await opened.$count(schema.notes),
    })
    return { app, counts, opened }
  }
  const signUp = (app: ReturnType<typeof createApp>, email: string, firstNote: string) =>
    app.request('/signup', {
      method: 'POST',
      body: JSON.stringify({ email, firstNote }),
      headers: { 'content-type': 'application/json' },
    })

  test('committed before the response is sent: the rows are there when the client reads the answer', async () => {
    const { app, counts, opened } = await signUpApp()
    expect((await signUp(app, 'a@example.com', 'hello')).status).toBe(201)
    expect(await counts()).toEqual({ users: 1, notes: 1 })
    await opened.$client.end()
  })

  test('rolled back when the handler raises: the exception answers, nothing is kept', async () => {
    const { app, counts, opened } = await signUpApp()
    const response = await signUp(app, 'b@example.com', 'forbidden')
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({ detail: 'Not allowed' })
    expect(await counts()).toEqual({ users: 0, notes: 0 })
    await opened.$client.end()
  })
})

test('better-sqlite3 is refused: its transactions cannot span an await', async () => {
  const opened = openSqlite({ url: ':memory:' })
  const tx = requestTransaction(depends(() => opened, { scope: 'app' }))
  const logged: unknown[] = []
  const app = createApp({
    logger: { error: (...args: unknown[]) => logged.push(args) },
    routes: [route.get('/', { deps: { tx } }, () => 'never')],
  })
  const response = await app.request('/')
  expect(response.status).toBe(500)
  expect(String(logged[0])).toMatch(/synchronous.*transaction\(\)/)
})
