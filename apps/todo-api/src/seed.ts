// `pnpm db:seed`: a demo user (demo@example.com / demo-password-1) with a few todos, through the API itself.
import { createTodoApp } from './app'
import { loadNodeSettings } from './env-file'
import { logger } from './logging'
import { nodePlatform } from './node'

const settings = loadNodeSettings()
const app = createTodoApp(settings, await nodePlatform(settings), logger('warn'))
const email = 'demo@example.com'
const password = 'demo-password-1'

const registered = await app.request('/auth/register', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email, password, full_name: 'Demo User' }),
})
if (registered.status !== 201 && registered.status !== 409)
  throw new Error(`register: ${registered.status}`)

const login = await app.request('/auth/token', {
  method: 'POST',
  body: new URLSearchParams({ username: email, password }),
})
if (login.status !== 200) throw new Error(`login: ${login.status} (was the demo password changed?)`)
const { access_token } = (await login.json()) as { access_token: string }

const samples = [
  { title: 'Read the Sluice guide', priority: 2 },
  {
    title: 'Try the API in Swagger UI',
    description: 'Authorize with the demo user at /docs',
    priority: 1,
  },
  {
    title: 'Clone the todo app as a starter',
    due_date: new Date(Date.now() + 7 * 864e5).toISOString().slice(0, 10),
  },
]
for (const todo of samples) {
  const res = await app.request('/todos', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
    body: JSON.stringify(todo),
  })
  if (res.status !== 201) throw new Error(`create todo: ${res.status}`)
}
await app.shutdown()
console.log(
  `Seeded ${email} / ${password} with ${samples.length} todos in ${settings.DATABASE_URL}`,
)
