/* The outbox queries, shared by every database: see `Orm` in ../db/database. */
import { asc, eq } from 'drizzle-orm'
import type { Database, Tables } from '../db/database'

export type Mail = Tables['outbox']['$inferSelect']

/**
 * Writes a mail to the outbox once per `key`: a job that runs twice (delivery is at least
 * once) writes one row. Answers whether this call wrote it.
 */
export async function writeMail(
  { orm, tables: { outbox } }: Database,
  mail: Tables['outbox']['$inferInsert'],
): Promise<boolean> {
  const written = await orm.insert(outbox).values(mail).onConflictDoNothing().returning()
  return written.length > 0
}

/** A user's mail, oldest first. */
export async function mailOf(
  { orm, tables: { outbox } }: Database,
  userId: number,
): Promise<Mail[]> {
  return orm.select().from(outbox).where(eq(outbox.user_id, userId)).orderBy(asc(outbox.id))
}
