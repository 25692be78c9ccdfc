/* The user queries, shared by every database: see `Orm` in ../db/database. */
import { eq } from 'drizzle-orm'
import { type Database, insertedRow, type Tables } from '../db/database'

type UserTable = Tables['users']
export type User = UserTable['$inferSelect']

export async function findUser({ orm, tables: { users } }: Database, id: number) {
  const [user] = await orm.select().from(users).where(eq(users.id, id))
  return user
}

/** Emails are stored trimmed and lowercased, so the lookup is case-insensitive. */
export async function findUserByEmail({ orm, tables: { users } }: Database, email: string) {
  const [user] = await orm.select().from(users).where(eq(users.email, email.trim().toLowerCase()))
  return user
}

/** Inserts a user; a taken email fails with the driver's unique violation (see `dbErrorKind`). */
export async function createUser(
  { orm, tables: { users } }: Database,
  fields: UserTable['$inferInsert'],
): Promise<User> {
  return insertedRow(await orm.insert(users).values(fields).returning())
}

export async function updateUser(
  { orm, tables: { users } }: Database,
  id: number,
  changes: Partial<Pick<User, 'full_name' | 'password_hash'>>,
): Promise<User | undefined> {
  const [user] = await orm.update(users).set(changes).where(eq(users.id, id)).returning()
  return user
}
