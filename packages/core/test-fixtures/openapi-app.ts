/**
 * A rich app for the OpenAPI tests: every parameter source, nested routers,
 * dependencies with their own inputs at several depths, security schemes with
 * scopes, JSON bodies, urlencoded and multipart forms, several responses, a
 * hidden route. Its handlers really work, so clients and browsers can call it.
 */
import * as v from 'valibot'
import {
  createApp,
  type DocsOptions,
  depends,
  HTTPError,
  HTTPException,
  model,
  requireScopes,
  respond,
  route,
  router,
} from '../src/index'

export const TodoCreate = model(
  'TodoCreate',
  v.pipe(
    v.object({
      title: v.pipe(v.string(), v.minLength(1), v.maxLength(200), v.description('What to do')),
      completed: v.optional(v.boolean(), false),
    }),
    v.metadata({ title: 'New todo', examples: [{ title: 'Buy milk', completed: false }] }),
  ),
)

export const TodoPublic = model(
  'TodoPublic',
  v.pipe(
    v.object({ id: v.number(), title: v.string(), completed: v.boolean(), owner: v.string() }),
    v.description('A todo as its owner sees it'),
  ),
)

export const TodoPage = model(
  'TodoPage',
  v.object({ items: v.array(TodoPublic), total: v.number() }),
)

const Token = model('Token', v.object({ access_token: v.string(), token_type: v.string() }))

/** The password every user of this app has, and the token it earns. */
export const PASSWORD = 'secret'
const tokenFor = (username: string) => `token-of-${username}`

/** The OAuth2 password flow: the bearer token comes from `POST /token`. */
export const oauth2 = depends(
  (_inputs, { c }) => {
    const [kind, token] = (c.req.header('authorization') ?? '').split(' ')
    if (kind?.toLowerCase() !== 'bearer' || !token) {
      throw new HTTPException(401, 'Not authenticated', { 'www-authenticate': 'Bearer' })
    }
    return token
  },
  {
    name: 'oauth2',
    security: {
      name: 'OAuth2PasswordBearer',
      scheme: {
        type: 'oauth2',
        flows: {
          password: {
            tokenUrl: '/token',
            scopes: { 'todos:read': 'Read todos', 'todos:write': 'Change todos' },
          },
        },
      },
    },
  },
)

/** The user a bearer token belongs to. */
export const currentUser = depends({ token: oauth2 }, ({ token }) => {
  if (!token.startsWith('token-of-')) throw new HTTPException(401, 'Invalid token')
  return { name: token.slice('token-of-'.length) }
})

/** Admin routes take an API key header. */
const adminKey = depends(
  (_inputs, { c }) => {
    if (c.req.header('x-api-key') !== 'admin-key') throw new HTTPException(403, 'Forbidden')
    return true
  },
  {
    name: 'adminKey',
    security: { name: 'APIKeyHeader', scheme: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
  },
)

/** A dependency with query inputs of its own. */
const pagination = depends(
  {
    query: v.object({
      skip: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 20),
    }),
  },
  ({ query }) => query,
)

/** Two levels down: a header and a cookie read by a dependency of a dependency. */
const tenant = depends(
  {
    headers: v.object({
      x_tenant: v.optional(v.pipe(v.string(), v.description('Tenant to act for')), 'main'),
    }),
    cookies: v.object({ session_id: v.optional(v.string()) }),
  },
  ({ headers }) => headers.x_tenant,
)
const listing = depends({ page: pagination, tenant }, ({ page, tenant }) => ({ ...page, tenant }))

const todos = new Map<number, v.InferOutput<typeof TodoPublic>>()
let nextId = 1

const listTodos = route.get(
  '/',
  {
    query: v.object({
      q: v.optional(v.pipe(v.string(), v.description('Search in titles'), v.examples(['milk']))),
      tag: v.optional(v.array(v.string())),
    }),
    deps: { user: requireScopes(currentUser, ['todos:read']), listing },
    response: TodoPage,
    summary: 'List my todos',
  },
  ({ query, user, listing }) => {
    const mine = [...todos.values()].filter(
      (todo) => todo.owner === user.name && (!query.q || todo.title.includes(query.q)),
    )
    return { items: mine.slice(listing.skip, listing.skip + listing.limit), total: mine.length }
  },
)

const createTodo = route.post(
  '/',
  {
    body: TodoCreate,
    deps: { user: requireScopes(currentUser, ['todos:write']) },
    status: 201,
    response: TodoPublic,
    summary: 'Create a todo',
  },
  ({ body, user }) => {
    const todo = { id: nextId++, title: body.title, completed: body.completed, owner: user.name }
    todos.set(todo.id, todo)
    return todo
  },
)

const todoId = v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)) })

const getTodo = route.get(
  '/:id',
  {
    params: todoId,
    deps: { user: currentUser },
    responses: { 200: TodoPublic, 404: { schema: HTTPError, description: 'No such todo' } },
    description: 'Reads one todo **of the caller**.',
  },
  ({ params, user }) => {
    const todo = todos.get(params.id)
    if (!todo || todo.owner !== user.name) throw new HTTPException(404, 'Todo not found')
    return todo
  },
)

const replaceTodo = route.put(
  '/:id',
  {
    params: todoId,
    body: TodoCreate,
    deps: { user: requireScopes(currentUser, ['todos:write']) },
    responses: { 200: TodoPublic, 404: HTTPError },
    operationId: 'replaceTodo',
  },
  ({ params, body, user }) => {
    const todo = todos.get(params.id)
    if (!todo || todo.owner !== user.name) return respond(404, { detail: 'Todo not found' })
    const replaced = { ...todo, ...body }
    todos.set(todo.id, replaced)
    return replaced
  },
)

const deleteTodo = route.delete(
  '/:id',
  {
    params: todoId,
    deps: { user: requireScopes(currentUser, ['todos:write']) },
    status: 204,
    responses: { 204: null, 404: HTTPError },
    deprecated: true,
  },
  ({ params, user }) => {
    const todo = todos.get(params.id)
    if (!todo || todo.owner !== user.name) throw new HTTPException(404, 'Todo not found')
    todos.delete(params.id)
  },
)

const login = route.post(
  '/token',
  {
    form: v.object({
      username: v.string(),
      password: v.string(),
      scope: v.optional(v.string(), ''),
    }),
    response: Token,
    responses: { 401: HTTPError },
    tags: ['auth'],
    summary: 'Log in with the OAuth2 password flow',
  },
  ({ form }) => {
    if (form.password !== PASSWORD) throw new HTTPException(401, 'Incorrect username or password')
    return { access_token: tokenFor(form.username), token_type: 'bearer' }
  },
)

const upload = route.post(
  '/files',
  {
    form: v.object({
      file: v.file(),
      note: v.optional(v.string()),
      extra: v.optional(v.array(v.file())),
    }),
    headers: v.object({ x_request_id: v.optional(v.string()) }),
    response: v.object({ name: v.string(), size: v.number(), note: v.nullable(v.string()) }),
    tags: ['files'],
  },
  ({ form }) => ({ name: form.file.name, size: form.file.size, note: form.note ?? null }),
)

const health = route.get('/health', { response: v.object({ status: v.literal('ok') }) }, () => ({
  status: 'ok' as const,
}))

const stats = route.get('/stats', { response: v.object({ todos: v.number() }) }, () => ({
  todos: todos.size,
}))

const secret = route.get('/internal', { hidden: true }, () => ({ internal: true }))

/** The app, with its own title, servers, tags and a post-processing hook. */
export function createOpenAPIApp(docs: DocsOptions = {}) {
  todos.clear()
  nextId = 1
  return createApp({
    ...docs,
    title: 'Todo API',
    version: '2.0.0',
    description: 'Todos, with **Markdown**.',
    contact: { name: 'Sluice', url: 'https://example.com' },
    license: { name: 'MIT', identifier: 'MIT' },
    tags: [
      { name: 'todos', description: 'Everything about todos' },
      { name: 'auth', description: 'Logging in' },
    ],
    transformOpenAPI: (document) => ({ ...document, 'x-generated-by': 'sluice' }),
    routes: [
      health,
      login,
      secret,
      router({ prefix: '/api', responses: { 401: HTTPError } }, [
        router({ prefix: '/todos', tags: ['todos'] }, [
          listTodos,
          createTodo,
          getTodo,
          replaceTodo,
          deleteTodo,
        ]),
        upload,
        router({ prefix: '/admin', tags: ['admin'], deps: [adminKey] }, [stats]),
      ]),
    ],
  })
}
