import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { mailOf } from '../src/store/outbox'
import { findUserByEmail } from '../src/store/users'
import { onPostgres } from './database'
import { type Session, type TestApp, testApp } from './helpers'

// Sign-ups hash with scrypt at its production cost: slow on a loaded machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 })

const DAY = 24 * 60 * 60 * 1000
/** The UTC date `days` from now, as `due_date` takes it. */
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10)

// Memory everywhere; pg-boss too where the suite runs on PostgreSQL (each app's jobs in its own schema).
const engines = ['memory', ...(onPostgres ? ['pg-boss'] : [])]

describe.each(engines)('background jobs on %s', (engine) => {
  let t: TestApp
  let ann: Session

  beforeAll(async () => {
    t = await testApp({ JOBS_ENGINE: engine })
    ann = await t.signUp('ann@example.com')
  })
  afterAll(() => t.close())

  /** Ann's outbox, as the jobs wrote it. */
  const outbox = async () => {
    const db = await t.database()
    const user = await findUserByEmail(db, ann.email)
    return (await mailOf(db, user!.id)).map(({ recipient, subject }) => ({ recipient, subject }))
  }
  const poll = { timeout: 20_000 }

  test('registration sends a welcome mail, through the outbox', async () => {
    await expect
      .poll(outbox, poll)
      .toEqual([{ recipient: 'ann@example.com', subject: 'Welcome to Todo API' }])
  })

  test('a todo due soon gets a reminder; one without a due date, done or far off gets none yet', async () => {
    const soon = dateIn(1)
    const write = async (method: string, path: string, body: object) => {
      const res = await t.json(method, path, body, ann.access)
      expect(res.status, await res.clone().text()).toBeLessThan(300)
      return (await res.json()) as { id: number }
    }
    await write('POST', '/todos', { title: 'No date' })
    await write('POST', '/todos', { title: 'Done already', due_date: soon, completed: true })
    const later = await write('POST', '/todos', { title: 'Later', due_date: dateIn(60) })
    await write('POST', '/todos', { title: 'Milk', due_date: soon })
    await expect.poll(outbox, poll).toEqual([
      { recipient: 'ann@example.com', subject: 'Welcome to Todo API' },
      { recipient: 'ann@example.com', subject: `Due ${soon}: Milk` },
    ])

    // Moved to tomorrow: the reminder planned for day 60 is another job; this one goes now.
    await write('PATCH', `/todos/${later.id}`, { due_date: soon })
    await expect
      .poll(outbox, poll)
      .toContainEqual({ recipient: 'ann@example.com', subject: `Due ${soon}: Later` })
    expect(await outbox()).toHaveLength(3)
  })

  test('a todo created or moved through GraphQL gets its reminder as through REST', async () => {
    const soon = dateIn(1)
    const mutate = async (query: string, variables: object) => {
      const res = await t.json('POST', '/graphql', { query, variables }, ann.access)
      const answer = (await res.json()) as {
        data?: Record<string, { id: number }>
        errors?: unknown
      }
      expect(answer.errors).toBeUndefined()
      return answer.data!
    }
    await mutate('mutation ($input: TodoInput!) { createTodo(input: $input) { id } }', {
      input: { title: 'Bread', due_date: soon },
    })
    const { createTodo: later } = await mutate(
      'mutation ($input: TodoInput!) { createTodo(input: $input) { id } }',
      { input: { title: 'Eggs', due_date: dateIn(60) } },
    )
    await mutate(
      'mutation ($id: Int!, $input: TodoPatchInput!) { updateTodo(id: $id, input: $input) { id } }',
      {
        id: later!.id,
        input: { due_date: soon },
      },
    )
    await expect.poll(outbox, poll).toEqual(
      expect.arrayContaining([
        { recipient: 'ann@example.com', subject: `Due ${soon}: Bread` },
        { recipient: 'ann@example.com', subject: `Due ${soon}: Eggs` },
      ]),
    )
  })
})
