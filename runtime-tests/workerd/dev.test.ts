/**
 * The local Workers run docs/deployment.md gives, from a fresh clone: the D1
 * database migrated by `pnpm workers:migrate --local`, then `pnpm workers:dev`
 * (real `wrangler dev`, workerd underneath) with the settings of
 * `.dev.vars.example`, which the docs copy to `.dev.vars`. Without them every
 * request was a 500 (`JWT_SECRET is required when NODE_ENV=production`).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { runScript, startScript } from './worker'

let dev: Awaited<ReturnType<typeof startScript>> | undefined
const state = mkdtempSync(join(tmpdir(), 'todo-wrangler-dev-'))

beforeAll(async () => {
  await runScript('workers:migrate', ['--local', '--persist-to', state])
  dev = await startScript('workers:dev', [
    '--env-file',
    '.dev.vars.example',
    '--ip',
    '127.0.0.1',
    '--port',
    '0',
    '--persist-to',
    state,
    '--show-interactive-dev-session=false',
  ])
}, 120_000)

afterAll(async () => {
  await dev?.stop()
  rmSync(state, { recursive: true, force: true })
})

test('`wrangler dev` with .dev.vars.example answers: health, register, log in, read my account', async () => {
  const url = dev?.url ?? ''
  expect((await fetch(`${url}/health`)).status).toBe(200)
  const account = { email: 'dev@example.com', password: 'correct-horse-42' }
  const registered = await fetch(`${url}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  })
  expect(registered.status).toBe(201)
  const login = await fetch(`${url}/auth/token`, {
    method: 'POST',
    body: new URLSearchParams({ username: account.email, password: account.password }),
  })
  expect(login.status).toBe(200)
  const { access_token } = (await login.json()) as { access_token: string }
  const me = await fetch(`${url}/users/me`, {
    headers: { authorization: `Bearer ${access_token}` },
  })
  expect(me.status).toBe(200)
  expect(await me.json()).toMatchObject({ email: account.email })
  expect(dev?.output.join('\n')).toContain('Using secrets defined in .dev.vars.example')
}, 60_000)
