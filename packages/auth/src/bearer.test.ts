import { createApp, route } from '@sluice/core'
import { describe, expect, test } from 'vitest'
import { httpBearer, oauth2PasswordBearer } from './bearer'

describe.each([
  ['oauth2PasswordBearer', oauth2PasswordBearer({ tokenUrl: '/token' })],
  ['httpBearer', httpBearer()],
])('%s', (_name, token) => {
  const app = createApp({
    routes: [route.get('/me', { deps: { token } }, ({ token }) => ({ token }))],
  })

  test('hands over the token of `Authorization: Bearer …`, whatever the scheme case', async () => {
    for (const header of ['Bearer abc.def.ghi', 'bearer abc.def.ghi', '  BEARER   abc.def.ghi ']) {
      const response = await app.request('/me', { headers: { authorization: header } })
      expect(await response.json()).toEqual({ token: 'abc.def.ghi' })
    }
  })

  test.each([
    ['no Authorization header', {}],
    ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['a scheme without credentials', { authorization: 'Bearer' }],
    ['only blanks after the scheme', { authorization: 'Bearer    ' }],
    ['a scheme name that merely starts with Bearer', { authorization: 'Bearerabc' }],
  ])('%s is 401 Not authenticated with a Bearer challenge', async (_case, headers) => {
    const response = await app.request('/me', { headers })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ detail: 'Not authenticated' })
    expect(response.headers.get('www-authenticate')).toBe('Bearer')
  })
})

describe('optional mode', () => {
  test('a missing token is undefined instead of a 401', async () => {
    const token = oauth2PasswordBearer({ tokenUrl: '/token', optional: true })
    const app = createApp({
      routes: [
        route.get('/feed', { deps: { token } }, ({ token }) => ({ signedIn: token !== undefined })),
      ],
    })
    expect(await (await app.request('/feed')).json()).toEqual({ signedIn: false })
    const signedIn = await app.request('/feed', { headers: { authorization: 'Bearer t' } })
    expect(await signedIn.json()).toEqual({ signedIn: true })
  })
})

describe('the scheme each carries for OpenAPI', () => {
  test('OAuth2 password flow with token URL and scopes', () => {
    const token = oauth2PasswordBearer({
      tokenUrl: '/api/token',
      scopes: { 'todos:read': 'Read todos' },
      description: 'Log in with your e-mail',
    })
    expect(token.security).toEqual({
      name: 'OAuth2PasswordBearer',
      scheme: {
        type: 'oauth2',
        flows: { password: { tokenUrl: '/api/token', scopes: { 'todos:read': 'Read todos' } } },
        description: 'Log in with your e-mail',
      },
      challenge: 'Bearer',
    })
  })

  test('HTTP bearer with its format, under a chosen name', () => {
    expect(httpBearer({ bearerFormat: 'JWT', schemeName: 'jwt' }).security).toEqual({
      name: 'jwt',
      scheme: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      challenge: 'Bearer',
    })
  })
})
