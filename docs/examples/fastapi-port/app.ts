/**
 * The Sluice port of `main.py`, line for line where it can be: the same routes, the same wire
 * format, the same SQLite file with the tables SQLModel created, the same tokens and the same
 * argon2 hashes. docs/migrating-from-fastapi.md walks through it.
 */

import {
  createJwt,
  oauth2PasswordBearer,
  passwordForm,
  passwordHashing,
  verifiedClaims,
  verifyAndUpdate,
} from '@sluice/auth'
import { argon2idHasher } from '@sluice/auth/node'
import {
  createApp,
  depends,
  HTTPException,
  model,
  route,
  router,
  settings,
  uuid,
} from '@sluice/core'
import {
  findById,
  offsetPagination,
  paginate,
  sqliteTimestamp,
  sqliteUuid,
  updateById,
} from '@sluice/db'
import { openSqlite, type SQLiteDatabase } from '@sluice/db/sqlite'
import { and, eq } from 'drizzle-orm'
import { sqliteTable, text } from 'drizzle-orm/sqlite-core'
import * as v from 'valibot'

// class Settings(BaseSettings): env_ignore_empty=True
export const Settings = v.object({
  SECRET_KEY: v.optional(v.string(), 'changethis'),
  ACCESS_TOKEN_EXPIRE_MINUTES: v.optional(v.pipe(v.number(), v.integer()), 60 * 24 * 8),
  DATABASE_PATH: v.optional(v.string(), 'app.db'),
})
export type Settings = v.InferOutput<typeof Settings>

// The tables SQLModel.metadata.create_all made: described, never created, by drizzle.
// SQLModel fills defaults in Python, so the table has none: $defaultFn, never .default().
export const users = sqliteTable('user', {
  id: sqliteUuid('id')
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  email: text('email').notNull().unique(),
  fullName: text('full_name'),
  hashedPassword: text('hashed_password').notNull(),
  createdAt: sqliteTimestamp('created_at')
    .notNull()
    .$defaultFn(() => new Date().toISOString()),
})
export const items = sqliteTable('item', {
  id: sqliteUuid('id')
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  title: text('title').notNull(),
  description: text('description'),
  ownerId: sqliteUuid('owner_id')
    .notNull()
    .references(() => users.id),
  createdAt: sqliteTimestamp('created_at')
    .notNull()
    .$defaultFn(() => new Date().toISOString()),
})

// The Pydantic models. Field(max_length=255) → v.maxLength(255); EmailStr → v.email().
const title = v.pipe(v.string(), v.minLength(1), v.maxLength(255))
const description = v.nullable(v.pipe(v.string(), v.maxLength(255)))
const UserCreate = v.object({
  email: v.pipe(v.string(), v.email(), v.maxLength(255)),
  full_name: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(255))), null),
  password: v.pipe(v.string(), v.minLength(8), v.maxLength(128)),
})
const UserPublic = model(
  'UserPublic',
  v.object({ email: v.string(), full_name: v.nullable(v.string()), id: v.string() }),
)
const ItemCreate = v.object({ title, description: v.optional(description, null) })
const ItemUpdate = v.object({
  title: v.optional(title),
  description: v.optional(description),
})
const ItemPublic = model(
  'ItemPublic',
  v.object({
    title: v.string(),
    description: v.nullable(v.string()),
    id: v.string(),
    owner_id: v.string(),
    created_at: v.string(),
  }),
)
const ItemsPublic = model('ItemsPublic', v.object({ data: v.array(ItemPublic), count: v.number() }))
const Token = model('Token', v.object({ access_token: v.string(), token_type: v.string() }))
const Message = model('Message', v.object({ message: v.string() }))

type User = typeof users.$inferSelect
type Item = typeof items.$inferSelect
const userPublic = (user: User) => ({ email: user.email, full_name: user.fullName, id: user.id })
const itemPublic = (item: Item) => ({
  title: item.title,
  description: item.description,
  id: item.id,
  owner_id: item.ownerId,
  created_at: item.createdAt,
})

/** The app over an open database, for the server below and for tests. */
export function createItemsApp(config: Settings) {
  const db = openSqlite({ url: config.DATABASE_PATH }) // no `migrations`: SQLModel owns the schema
  const database = depends(() => db, { scope: 'app', name: 'database' })
  // pwdlib's PasswordHash((Argon2Hasher(),)): argon2id, m=65536, t=3, p=4.
  const hasher = passwordHashing(argon2idHasher())
  // PyJWT with SECRET_KEY; the template's default 'changethis' is 10 bytes, kept while it is rotated.
  const jwt = createJwt({
    algorithm: 'HS256',
    secret: config.SECRET_KEY,
    legacyShortSecret: true,
    expiresIn: config.ACCESS_TOKEN_EXPIRE_MINUTES * 60,
    claims: v.object({ sub: v.string() }),
  })

  const token = oauth2PasswordBearer({ tokenUrl: '/api/v1/login/access-token' })
  const claims = verifiedClaims(token, jwt, {
    onInvalid: () => new HTTPException(403, 'Could not validate credentials'),
  })
  const currentUser = depends({ claims, db: database }, async ({ claims, db }) => {
    const id = v.safeParse(uuid(), claims.sub)
    if (!id.success) throw new HTTPException(403, 'Could not validate credentials')
    const user = await findById(db, users, id.output)
    if (!user) throw new HTTPException(404, 'User not found')
    return user
  })

  const login = router({ tags: ['login'] }, [
    route.post(
      '/login/access-token',
      { form: passwordForm, deps: { db: database }, responses: { 200: Token } },
      async function login_access_token({ form, db }) {
        const [user] = await db.select().from(users).where(eq(users.email, form.username))
        const { valid, updatedHash } = await verifyAndUpdate(
          hasher,
          form.password,
          user?.hashedPassword ?? DUMMY_HASH,
        )
        if (!user || !valid) throw new HTTPException(400, 'Incorrect email or password')
        if (updatedHash) await updateById(db, users, user.id, { hashedPassword: updatedHash })
        return { access_token: await jwt.sign({ sub: user.id }), token_type: 'bearer' }
      },
    ),
  ])

  const usersRouter = router({ prefix: '/users', tags: ['users'] }, [
    route.post(
      '/signup',
      { body: UserCreate, deps: { db: database }, responses: { 200: UserPublic } },
      async function register_user({ body, db }) {
        const [existing] = await db.select().from(users).where(eq(users.email, body.email))
        if (existing)
          throw new HTTPException(400, 'The user with this email already exists in the system')
        const hashedPassword = await hasher.hash(body.password)
        const [user] = await db
          .insert(users)
          .values({ email: body.email, fullName: body.full_name, hashedPassword })
          .returning()
        return userPublic(user!)
      },
    ),
    route.get(
      '/me',
      { deps: { user: currentUser }, responses: { 200: UserPublic } },
      function read_user_me({ user }) {
        return userPublic(user)
      },
    ),
  ])

  const skip = offsetPagination({ offsetParam: 'skip', defaultLimit: 100, maxLimit: 1000 })
  const params = v.object({ id: uuid() })
  const ownItem = async (db: SQLiteDatabase, user: User, id: string) => {
    const item = await findById(db, items, id)
    if (!item) throw new HTTPException(404, 'Item not found')
    if (item.ownerId !== user.id) throw new HTTPException(400, 'Not enough permissions')
    return item
  }
  const itemsRouter = router({ prefix: '/items', tags: ['items'] }, [
    route.get(
      '/',
      { deps: { db: database, user: currentUser, skip }, responses: { 200: ItemsPublic } },
      async function read_items({ db, user, skip }) {
        const mine = eq(items.ownerId, user.id)
        const page = await paginate(
          db.select().from(items).where(mine).orderBy(items.createdAt),
          db.$count(items, mine),
          skip,
        )
        return { data: page.items.map(itemPublic), count: page.total }
      },
    ),
    route.get(
      '/:id',
      { params, deps: { db: database, user: currentUser }, responses: { 200: ItemPublic } },
      async function read_item({ params, db, user }) {
        return itemPublic(await ownItem(db, user, params.id))
      },
    ),
    route.post(
      '/',
      {
        body: ItemCreate,
        deps: { db: database, user: currentUser },
        responses: { 200: ItemPublic },
      },
      async function create_item({ body, db, user }) {
        const [item] = await db
          .insert(items)
          .values({ ...body, ownerId: user.id })
          .returning()
        return itemPublic(item!)
      },
    ),
    route.patch(
      '/:id',
      {
        params,
        body: ItemUpdate,
        deps: { db: database, user: currentUser },
        responses: { 200: ItemPublic },
      },
      async function update_item({ params, body, db, user }) {
        await ownItem(db, user, params.id)
        // model_dump(exclude_unset=True): only what was sent; {} changes nothing.
        const item = await updateById(db, items, params.id, body)
        return itemPublic(item!)
      },
    ),
    route.delete(
      '/:id',
      { params, deps: { db: database, user: currentUser }, responses: { 200: Message } },
      async function delete_item({ params, db, user }) {
        await ownItem(db, user, params.id)
        await db.delete(items).where(and(eq(items.id, params.id), eq(items.ownerId, user.id)))
        return { message: 'Item deleted successfully' }
      },
    ),
  ])

  return createApp({
    title: 'Items',
    pathJoin: 'fastapi', // APIRouter(prefix='/items') with '/' answers at /items/
    generateOperationId: ({ tags, name }) => `${tags[0]}-${name}`, // custom_generate_unique_id
    routes: [router({ prefix: '/api/v1' }, [login, usersRouter, itemsRouter])],
  })
}

/** An argon2id hash of a random password: an unknown email costs the same verification as a known one. */
const DUMMY_HASH =
  '$argon2id$v=19$m=65536,t=3,p=4$c2x1aWNlLWR1bW15LXNhbHQ$Zp0dXbY6v4kQb0h3Gg0i4m2VQ3Xc1bR7hFvC9x1mYqE'

export type ItemsApp = ReturnType<typeof createItemsApp>

/** `settings()` reads the same variables pydantic-settings did, empty ones as unset. */
export const readSettings = (source?: Record<string, string | undefined>) =>
  settings(Settings, source, { ignoreEmpty: true })
