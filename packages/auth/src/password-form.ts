import * as v from 'valibot'

const scopeList = v.pipe(
  v.optional(v.string(), ''),
  v.transform((scope) => scope.split(' ').filter(Boolean)),
)

const entries = {
  username: v.string(),
  password: v.string(),
  /** Space separated on the wire, a list in the handler. */
  scope: scopeList,
  client_id: v.optional(v.string()),
  client_secret: v.optional(v.string()),
}

/**
 * The urlencoded form of the OAuth2 password grant (RFC 6749 §4.3), FastAPI's
 * `OAuth2PasswordRequestForm`: `username`, `password`, optional `scope` (space
 * separated, parsed to a list), `grant_type` (if sent, it must be `password`),
 * `client_id` and `client_secret`. Use it as a token route's `form`.
 *
 * @example
 * ```ts
 * const login = route.post('/token', { form: passwordForm }, async ({ form }) => {
 *   const user = await login(form.username, form.password)
 *   if (!user) throw new HTTPException(401, 'Incorrect username or password', { 'WWW-Authenticate': 'Bearer' })
 *   return { access_token: await jwt.sign({ sub: user.id }, { scopes: form.scope }), token_type: 'bearer' }
 * })
 * ```
 */
export const passwordForm = v.object({
  grant_type: v.optional(v.literal('password')),
  ...entries,
})

/**
 * {@link passwordForm} with `grant_type=password` required, FastAPI's
 * `OAuth2PasswordRequestFormStrict`, as RFC 6749 demands.
 *
 * @example
 * ```ts
 * const login = route.post('/token', { form: strictPasswordForm }, ({ form }) => issueToken(form))
 * ```
 */
export const strictPasswordForm = v.object({
  grant_type: v.literal('password'),
  ...entries,
})

/** The parsed password form. */
export type PasswordForm = v.InferOutput<typeof passwordForm>
