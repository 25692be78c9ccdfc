import { expect, it } from 'vitest'
import { nextSteps } from './next-steps'

it('says what to run, from where, and where to read on', () => {
  const text = nextSteps(
    '/home/ada/my-api',
    { directory: 'my-api', template: 'todo', db: 'sqlite' },
    '/home/ada',
  )
  expect(text).toContain('  cd my-api\n  npm install\n  npm run dev')
  expect(text).toContain('http://localhost:8000/docs')
  expect(text).toContain('docs/migrating-from-fastapi.md')
  expect(text).not.toContain('PostgreSQL')
})

it('reminds a PostgreSQL project of its server, and skips cd when created in place', () => {
  const text = nextSteps(
    '/home/ada',
    { directory: '.', template: 'todo', db: 'postgres' },
    '/home/ada',
  )
  expect(text).not.toContain('cd ')
  expect(text).toContain('start PostgreSQL, and check DATABASE_URL in .env')
})
