import { afterAll, describe, expect, test } from 'vitest'
import { project, removeProject, sluice } from './fixtures/sluice'

const TIMEOUT = 60_000

/** Routes with no dependency, with one, and behind a security scheme with scopes. */
const SECURED_APP = `
import { createApp, depends, requireScopes, route, router } from '@sluice/core'
import * as v from 'valibot'

const bearer = depends(function bearerToken() {
  return 'token'
}, { security: { name: 'bearer', scheme: { type: 'http', scheme: 'bearer' } } })
const currentUser = depends({ token: bearer }, function currentUser({ token }) {
  return { token }
})

export const api = createApp({
  routes: [
    route.get('/health', {}, () => 'ok'),
    router({ prefix: '/todos' }, [
      route.get('/:id', {
        params: v.object({ id: v.string() }),
        deps: { user: requireScopes(currentUser, ['todos:read']) },
        operationId: 'read_todo',
      }, () => 'todo'),
    ]),
  ],
})
`

let dir: string
afterAll(() => removeProject(dir))

describe('sluice routes', { timeout: TIMEOUT }, () => {
  test('lists method, path, operationId, dependencies and security as a table, or as JSON', async () => {
    dir = project({ 'app.ts': SECURED_APP })
    const table = sluice(['routes', '--app', 'api'], dir)
    expect(await table.exited).toBe(0)
    expect(table.lines).toEqual([
      'METHOD  PATH        OPERATION ID  DEPENDENCIES              SECURITY',
      'GET     /health     get_health    -                         -',
      'GET     /todos/:id  read_todo     bearerToken, currentUser  bearer[todos:read]',
    ])

    const json = sluice(['routes', '--app', 'api', '--json'], dir)
    expect(await json.exited).toBe(0)
    expect(JSON.parse(json.lines.join('\n'))).toEqual([
      { method: 'GET', path: '/health', operationId: 'get_health', dependencies: [], security: [] },
      {
        method: 'GET',
        path: '/todos/:id',
        operationId: 'read_todo',
        dependencies: ['bearerToken', 'currentUser'],
        security: ['bearer[todos:read]'],
      },
    ])
  })

  test('an --app that is not exported names the exports there are', async () => {
    dir ??= project({ 'app.ts': SECURED_APP })
    const routes = sluice(['routes', '--app', 'app'], dir)
    expect(await routes.exited).toBe(1)
    expect(routes.lines).toEqual(['app.ts has no export named app (its exports: api)'])
  })

  test('an unknown flag is one line and exit 1', async () => {
    dir ??= project({ 'app.ts': SECURED_APP })
    const routes = sluice(['routes', '--colour'], dir)
    expect(await routes.exited).toBe(1)
    expect(routes.lines).toEqual(['Unknown option `--colour`'])
  })
})
