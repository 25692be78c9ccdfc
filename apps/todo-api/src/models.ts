import { model } from '@sluice/core'
import * as v from 'valibot'

const Email = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(254, 'Email must be at most 254 characters'),
  v.email('Invalid email address'),
)

/** At least 8 characters with a letter and a digit; at most 128, so hashing stays cheap. */
const Password = v.pipe(
  v.string(),
  v.minLength(8, 'Password must be at least 8 characters'),
  v.maxLength(128, 'Password must be at most 128 characters'),
  v.regex(/[A-Za-z]/, 'Password must contain a letter'),
  v.regex(/\d/, 'Password must contain a digit'),
)

const FullName = v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(100)))
const IsoDate = v.pipe(v.string(), v.isoDate('Expected a date as YYYY-MM-DD'))

export const UserCreate = model(
  'UserCreate',
  v.object({ email: Email, password: Password, full_name: v.optional(FullName, null) }),
)

export const UserUpdate = model(
  'UserUpdate',
  v.pipe(
    v.object({
      full_name: v.optional(FullName),
      password: v.optional(Password),
      current_password: v.optional(v.pipe(v.string(), v.maxLength(128))),
    }),
    // Forwarded to `current_password` so the error points at it and, under a credential
    // name, does not echo the body (which holds the new password) back as `input`.
    v.forward(
      v.partialCheck(
        [['password'], ['current_password']],
        (input) => input.password === undefined || input.current_password !== undefined,
        'current_password is required to change the password',
      ),
      ['current_password'],
    ),
  ),
)

export const UserPublic = model(
  'UserPublic',
  v.object({
    id: v.number(),
    email: v.string(),
    full_name: v.nullable(v.string()),
    created_at: v.string(),
  }),
)

export const Token = model(
  'Token',
  v.object({
    access_token: v.string(),
    token_type: v.literal('bearer'),
    expires_in: v.number(),
    refresh_token: v.string(),
  }),
)

export const RefreshRequest = model(
  'RefreshRequest',
  v.object({ refresh_token: v.pipe(v.string(), v.maxLength(512)) }),
)

const Title = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'Title must not be blank'),
  v.maxLength(200, 'Title must be at most 200 characters'),
)
const Description = v.nullable(
  v.pipe(v.string(), v.maxLength(2000, 'Description must be at most 2000 characters')),
)
const Priority = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5))

/** A new todo, and the full replacement sent with PUT: omitted fields take their defaults. */
export const TodoCreate = model(
  'TodoCreate',
  v.object({
    title: Title,
    description: v.optional(Description, null),
    completed: v.optional(v.boolean(), false),
    priority: v.optional(Priority, 3),
    due_date: v.optional(v.nullable(IsoDate), null),
  }),
)

/** A partial update: only the fields sent change, and `null` clears a nullable field. */
export const TodoPatch = model(
  'TodoPatch',
  v.object({
    title: v.optional(Title),
    description: v.optional(Description),
    completed: v.optional(v.boolean()),
    priority: v.optional(Priority),
    due_date: v.optional(v.nullable(IsoDate)),
  }),
)

export const TodoPublic = model(
  'TodoPublic',
  v.object({
    id: v.number(),
    title: v.string(),
    description: v.nullable(v.string()),
    completed: v.boolean(),
    priority: v.number(),
    due_date: v.nullable(v.string()),
    created_at: v.string(),
    updated_at: v.string(),
  }),
)

export const TodoPage = model(
  'TodoPage',
  v.object({ items: v.array(TodoPublic), total: v.number(), skip: v.number(), limit: v.number() }),
)

export const TodoFilters = v.object({
  completed: v.optional(v.boolean()),
  priority: v.optional(Priority),
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
  due_before: v.optional(IsoDate),
  due_after: v.optional(IsoDate),
  sort: v.optional(
    v.picklist(['created_at', '-created_at', 'due_date', 'priority', 'title']),
    '-created_at',
  ),
  skip: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 20),
})
