/*
 * The app's background jobs (@sluice/jobs): a welcome mail on registration and a reminder before
 * a todo's due date, written to the outbox table (there is no mail server here). The engine is
 * the platform's: BullMQ when REDIS_URL is set, pg-boss on PostgreSQL, and otherwise this
 * process's memory, where a job waiting when the process stops is lost (see the README).
 */
import { type Dependency, depends } from '@sluice/core'
import { defineJob, type JobEngine, type JobObserver, jobQueue } from '@sluice/jobs'
import * as v from 'valibot'
import type { Database } from './db/database'
import type { Logger } from './logging'
import type { Settings } from './settings'
import { writeMail } from './store/outbox'
import { findTodo, type Todo } from './store/todos'
import { findUser, type User } from './store/users'

export const welcomeJob = defineJob('todo-api.welcome', {
  payload: v.object({ userId: v.number() }),
  retry: { attempts: 5, delay: 5_000 },
})

export const reminderJob = defineJob('todo-api.reminder', {
  /** `due_date` as it was when the reminder was planned: a todo moved since has another reminder. */
  payload: v.object({ todoId: v.number(), userId: v.number(), dueDate: v.string() }),
  retry: { attempts: 5, delay: 5_000 },
})

/** What handlers ask of the jobs: mail a new user, plan a todo's reminder. */
export interface Mailer {
  welcome(user: Pick<User, 'id'>): Promise<void>
  /** Plans the reminder of a todo with a due date that is not done; nothing otherwise. */
  remind(todo: Todo): Promise<void>
}

/** How the app's jobs are run: its engine, whether this process works them, and when reminders go. */
export interface JobsOptions {
  readonly engine: () => JobEngine
  readonly settings: Pick<Settings, 'JOBS_WORKER' | 'REMINDER_LEAD'>
  readonly observers?: readonly JobObserver[]
  readonly log: Logger
}

/**
 * The app's queue as an app-scoped dependency: made on first use, with this process's workers
 * when `JOBS_WORKER` is on, and closed at shutdown (the jobs in hand finish or go back to the
 * engine). A job that cannot be enqueued is logged, never failing the write that planned it.
 */
export function mailer(db: Dependency<Database, 'app'>, options: JobsOptions) {
  const { log, settings } = options
  return depends(
    { db },
    async function* ({ db }): AsyncGenerator<Mailer> {
      const queue = jobQueue(options.engine(), { observers: options.observers ?? [] })
      try {
        if (settings.JOBS_WORKER) await work(queue, db)
        const enqueue = async (what: string, send: () => Promise<unknown>) => {
          try {
            await send()
          } catch (error) {
            log.error(`Could not enqueue the ${what}`, error)
          }
        }
        yield {
          welcome: (user) =>
            enqueue('welcome mail', () =>
              queue.enqueue(welcomeJob, { userId: user.id }, { key: `welcome:${user.id}` }),
            ),
          async remind(todo) {
            if (todo.completed || !todo.due_date || dayEnded(todo.due_date)) return
            const runAt = reminderTime(todo.due_date, settings.REMINDER_LEAD)
            await enqueue('reminder', () =>
              queue.enqueue(
                reminderJob,
                { todoId: todo.id, userId: todo.owner_id, dueDate: todo.due_date! },
                { runAt, key: `reminder:${todo.id}:${todo.due_date}` },
              ),
            )
          },
        }
      } finally {
        await queue.close()
      }
    },
    { scope: 'app', name: 'mailer' },
  )
}

/** When the reminder of a todo due on `dueDate` (YYYY-MM-DD, UTC) goes: `lead` seconds before the day starts. */
export function reminderTime(dueDate: string, lead: number): Date {
  return new Date(Date.parse(`${dueDate}T00:00:00Z`) - lead * 1000)
}

const DAY = 24 * 60 * 60 * 1000

/** Whether the day `dueDate` names (UTC) is over: a todo already overdue gets no reminder. */
function dayEnded(dueDate: string): boolean {
  return Date.parse(`${dueDate}T00:00:00Z`) + DAY <= Date.now()
}

async function work(queue: ReturnType<typeof jobQueue>, db: Database) {
  await queue.work(welcomeJob, async ({ userId }) => {
    const user = await findUser(db, userId)
    if (!user) return // deleted meanwhile: nobody to welcome
    await writeMail(db, {
      key: `welcome:${user.id}`,
      user_id: user.id,
      recipient: user.email,
      subject: 'Welcome to Todo API',
      body: `Hello ${user.full_name ?? user.email}, your account is ready.`,
    })
  })
  await queue.work(reminderJob, async ({ todoId, userId, dueDate }) => {
    const [todo, user] = await Promise.all([findTodo(db, userId, todoId), findUser(db, userId)])
    // Done, deleted or moved since it was planned: the todo's current reminder (if any) is another job.
    if (!todo || !user || todo.completed || todo.due_date !== dueDate) return
    await writeMail(db, {
      key: `reminder:${todo.id}:${dueDate}`,
      user_id: user.id,
      recipient: user.email,
      subject: `Due ${dueDate}: ${todo.title}`,
      body: `Your todo "${todo.title}" is due on ${dueDate}.`,
    })
  })
}
