import { createApp, route } from '@sluice/core'
import { describe, expect, test } from 'vitest'
import { httpBasic } from './basic'

const basic = (text: string) => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`

describe('httpBasic', () => {
  const credentials = httpBasic({ realm: 'admin' })
  const app = createApp({
    routes: [route.get('/admin', { deps: { credentials } }, ({ credentials }) => credentials)],
  })

  test('decodes user name and password as UTF-8; the password may contain colons', async () => {
    const response = await app.request('/admin', { headers: { authorization: basic('zoë:pa:ss') } })
    expect(await response.json()).toEqual({ username: 'zoë', password: 'pa:ss' })
  })

  test.each([
    ['no header', undefined],
    ['a bearer token', 'Bearer abc'],
    ['base64 without a colon', basic('nocolon')],
    ['text that is not base64', 'Basic not*base64!'],
    ['bytes that are not UTF-8', `Basic ${Buffer.from([0xff, 0x3a, 0xfe]).toString('base64')}`],
  ])('%s is 401 with the realm in the challenge', async (_case, authorization) => {
    const response = await app.request('/admin', {
      headers: authorization ? { authorization } : {},
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ detail: 'Not authenticated' })
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="admin"')
  })

  test('without a realm the challenge is plain Basic; optional mode gives undefined', async () => {
    const plain = createApp({
      routes: [
        route.get('/', { deps: { credentials: httpBasic() } }, ({ credentials }) => credentials),
      ],
    })
    expect((await plain.request('/')).headers.get('www-authenticate')).toBe('Basic')
    const optional = createApp({
      routes: [
        route.get(
          '/',
          { deps: { credentials: httpBasic({ optional: true }) } },
          ({ credentials }) => ({
            anonymous: !credentials,
          }),
        ),
      ],
    })
    expect(await (await optional.request('/')).json()).toEqual({ anonymous: true })
  })

  test('optional mode still refuses a Basic credential that does not decode, as FastAPI does', async () => {
    const optional = createApp({
      routes: [
        route.get(
          '/',
          { deps: { credentials: httpBasic({ optional: true }) } },
          ({ credentials }) => ({
            anonymous: !credentials,
          }),
        ),
      ],
    })
    for (const authorization of ['Basic notabase64', `Basic ${btoa('no-colon')}`]) {
      const response = await optional.request('/', { headers: { authorization } })
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Basic')
      expect(await response.json()).toEqual({ detail: 'Not authenticated' })
    }
    const bearer = await optional.request('/', { headers: { authorization: 'Bearer abc' } })
    expect(await bearer.json()).toEqual({ anonymous: true })
  })

  test('carries the http basic scheme', () => {
    expect(credentials.security).toEqual({
      name: 'HTTPBasic',
      scheme: { type: 'http', scheme: 'basic' },
      challenge: 'Basic realm="admin"',
    })
  })
})
