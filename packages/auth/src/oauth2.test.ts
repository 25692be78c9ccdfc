import { createApp, route } from '@sluice/core'
import { describe, expect, test } from 'vitest'
import { oauth2, oauth2AuthorizationCodeBearer } from './oauth2'

// Each answer below is FastAPI 0.142's for OAuth2(flows=…) and OAuth2AuthorizationCodeBearer.
describe('the generic OAuth2 scheme and the authorization code bearer', () => {
  const generic = oauth2({
    flows: { implicit: { authorizationUrl: '/auth', scopes: { read: 'Read' } } },
    description: 'Generic',
  })
  const optional = oauth2({
    flows: { password: { tokenUrl: '/token', scopes: {} } },
    schemeName: 'Opt',
    optional: true,
  })
  const code = oauth2AuthorizationCodeBearer({
    authorizationUrl: '/authorize',
    tokenUrl: '/token',
    refreshUrl: '/refresh',
    scopes: { read: 'Read' },
  })
  const app = createApp({
    routes: [
      route.get('/oauth2', { deps: { auth: generic } }, ({ auth }) => ({ auth })),
      route.get('/oauth2-opt', { deps: { auth: optional } }, ({ auth }) => ({
        auth: auth ?? null,
      })),
      route.get('/code', { deps: { token: code } }, ({ token }) => ({ token })),
    ],
  })

  test('OAuth2 hands over the whole Authorization value; a missing one is 401 Bearer', async () => {
    const missing = await app.request('/oauth2')
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toBe('Bearer')
    expect(await missing.json()).toEqual({ detail: 'Not authenticated' })
    const given = await app.request('/oauth2', { headers: { authorization: 'Basic abc' } })
    expect(await given.json()).toEqual({ auth: 'Basic abc' })
    expect(await (await app.request('/oauth2-opt')).json()).toEqual({ auth: null })
  })

  test('the authorization code bearer reads a bearer token only', async () => {
    const basic = await app.request('/code', { headers: { authorization: 'Basic abc' } })
    expect(basic.status).toBe(401)
    expect(basic.headers.get('www-authenticate')).toBe('Bearer')
    const bearer = await app.request('/code', { headers: { authorization: 'bearer tok' } })
    expect(await bearer.json()).toEqual({ token: 'tok' })
  })

  test('each documents its flows as FastAPI does', () => {
    const document = app.openapi() as {
      components: { securitySchemes: Record<string, unknown> }
      paths: Record<string, { get: { security: unknown } }>
    }
    expect(document.components.securitySchemes).toEqual({
      OAuth2: {
        type: 'oauth2',
        description: 'Generic',
        flows: { implicit: { scopes: { read: 'Read' }, authorizationUrl: '/auth' } },
      },
      Opt: { type: 'oauth2', flows: { password: { scopes: {}, tokenUrl: '/token' } } },
      OAuth2AuthorizationCodeBearer: {
        type: 'oauth2',
        flows: {
          authorizationCode: {
            refreshUrl: '/refresh',
            scopes: { read: 'Read' },
            authorizationUrl: '/authorize',
            tokenUrl: '/token',
          },
        },
      },
    })
    expect(document.paths['/code']?.get.security).toEqual([{ OAuth2AuthorizationCodeBearer: [] }])
  })
})
