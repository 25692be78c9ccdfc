import { dependentRequired, isoDate, model } from '@sluice/core'
import * as v from 'valibot'

const Email = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(254, 'Email must be at most 254 characters'),
  v.email('Invalid email address'),
)

/**
 * At least 8 characters with a letter and a digit; at most 128, so hashing stays cheap.
 * One regex holds both rules, since a JSON Schema has one `pattern`: clients see the rule the API applies.
 */
const Password = v.pipe(
  v.string(),
  v.minLength(8, 'Password must be at least 8 characters'),
  v.maxLength(128, 'Password must be at most 128 characters'),
  v.regex(/^(?=[^A-Za-z]*[A-Za-z])(?=\D*\d)/, 'Password must contain a letter and a digit'),
)

/**
 * Text the app keeps and sends back contains characters: a NUL (which PostgreSQL cannot store and
 * C tools read as the end of the text) or a lone surrogate (half a UTF-16 pair, which no UTF-8
 * can encode) is refused with a 422, as Pydantic reports a validator's `ValueError`. Core takes
 * both, as FastAPI does; this app's text fields do not.
 */
const storableText = [
  // What JSON Schema can say of it (it has no word for a lone surrogate): clients see the NUL rule.
  v.metadata<string, { not: { pattern: string } }>({ not: { pattern: '\\u0000' } }),
  v.check(
    (text: string) => !/[\0\p{Cs}]/u.test(text),
    'Text must not contain a NUL character or a lone surrogate',
  ),
] as const

const FullName = v.nullable(v.pipe(v.string(), ...storableText, v.trim(), v.maxLength(100)))
/**
 * A day that exists, as YYYY-MM-DD: `2030-02-31` is refused, `2028-02-29` is not.
 * Without a message of its own, the error reads as a FastAPI app's `date` field's.
 */
const IsoDate = isoDate()

/**
 * The largest integer every database here stores in an `integer` column
 * (PostgreSQL's is 32-bit): ids, offsets and counts above it are a 422, not a driver error.
 */
export const MAX_INT = 2_147_483_647

export const UserCreate = model(
  'UserCreate',
  v.object({ email: Email, password: Password, full_name: v.optional(FullName, null) }),
)

/** A new password needs the current one: the schema says so (`dependentRequired`), and a 422 points at `current_password`. */
export const UserUpdate = model(
  'UserUpdate',
  dependentRequired(
    v.object({
      full_name: v.optional(FullName),
      password: v.optional(Password),
      current_password: v.optional(v.pipe(v.string(), v.maxLength(128))),
    }),
    { password: ['current_password'] },
    'current_password is required to change the password',
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

/**
 * Some text other than white space (the `pattern` clients see), stored trimmed. The error is
 * Pydantic's for `Field(pattern=r"\S")`, as the same model in FastAPI answers.
 */
const Title = v.pipe(
  v.string(),
  ...storableText,
  v.regex(/\S/),
  v.trim(),
  v.maxLength(200, 'Title must be at most 200 characters'),
)
const Description = v.nullable(
  v.pipe(
    v.string(),
    ...storableText,
    v.maxLength(2000, 'Description must be at most 2000 characters'),
  ),
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

/** The fields a todo list sorts by. */
export const SORTABLE = ['created_at', 'updated_at', 'due_date', 'priority', 'title'] as const

/** Each sortable field, ascending then descending (`-title`). */
const SORTS = SORTABLE.flatMap((field) => [field, `-${field}`] as const)

export const TodoFilters = v.object({
  completed: v.optional(v.boolean()),
  priority: v.optional(Priority),
  q: v.optional(v.pipe(v.string(), ...storableText, v.trim(), v.maxLength(200))),
  due_before: v.optional(IsoDate),
  due_after: v.optional(IsoDate),
  sort: v.optional(
    v.pipe(
      v.picklist(SORTS),
      v.description(
        'A field to sort by, ascending, or descending with a leading `-`; ties go by id the same way. ' +
          'Todos without a due date come last whichever way `due_date` sorts.',
      ),
    ),
    '-created_at',
  ),
  skip: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_INT)), 0),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 20),
})
