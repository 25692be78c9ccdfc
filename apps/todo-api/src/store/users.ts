/* The user queries, shared by every database: see `Orm` in ../db/database. */
import { eq } from 'drizzle-orm'
import { bound, type Database, insertedRow, preparedQueries, type Tables } from '../db/database'

type UserTable = Tables['users']
export type User = UserTable['$inferSelect']

const prepareFindUser = ({ orm, tables: { users } }: Database) =>
  orm
    .select()
    .from(users)
    .where(eq(users.id, bound(users.id, 'id')))
    .prepare()

const byId = preparedQueries<ReturnType<typeof prepareFindUser>>()

/** The user with this id; prepared, since every authenticated request asks. */
export async function findUser(db: Database, id: number): Promise<User | undefined> {
  const [user] = await byId(db, '', () => prepareFindUser(db)).execute({ id })
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
