import { createApp, requireScopes, route, router } from '@sluice/core'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { apiKey } from './api-key'
import { httpBasic } from './basic'
import { httpBearer, oauth2PasswordBearer } from './bearer'
import { verifiedClaims } from './claims'
import { createJwt } from './jwt'
import { passwordForm } from './password-form'

const jwt = createJwt({ algorithm: 'HS256', secret: 'x'.repeat(32) })
const oauth2 = oauth2PasswordBearer({
  tokenUrl: '/api/token',
  scopes: { 'todos:read': 'Read todos', 'todos:write': 'Change todos', admin: 'Administer' },
})
const claims = verifiedClaims(oauth2, jwt)
const bearer = httpBearer({ bearerFormat: 'JWT' })
const basic = httpBasic()
const headerKey = apiKey({ in: 'header', name: 'X-API-Key' })
const queryKey = apiKey({ in: 'query', name: 'api_key' })
const cookieKey = apiKey({ in: 'cookie', name: 'session' })

const app = createApp({
  title: 'Auth test',
  version: '1.0.0',
  routes: [
    router({ prefix: '/api' }, [
      route.post('/token', { form: passwordForm }, ({ form }) => ({ user: form.username })),
      route.get('/todos', { deps: { claims: requireScopes(claims, ['todos:read']) } }, () => []),
      route.post(
        '/todos',
        { deps: { claims: requireScopes(claims, ['todos:write']) } },
        () => ({}),
      ),
      router({ prefix: '/admin', deps: [requireScopes(claims, ['admin'])] }, [
        route.get(
          '/stats',
          { deps: { claims: requireScopes(claims, ['todos:read']) } },
          () => ({}),
        ),
      ]),
      route.get('/bearer', { deps: { t: bearer } }, () => ({})),
      route.get('/basic', { deps: { b: basic } }, () => ({})),
      route.get('/keys', { deps: { h: headerKey, q: queryKey, k: cookieKey } }, () => ({})),
      route.get('/public', { query: v.object({ q: v.optional(v.string()) }) }, () => ({})),
    ]),
  ],
})

describe('the OpenAPI document of an app using every scheme', () => {
  const document = app.openapi() as {
    components: { securitySchemes: Record<string, unknown> }
    paths: Record<
      string,
      Record<string, { security?: unknown; parameters?: { name: string }[]; requestBody?: unknown }>
    >
  }

  test('lists each security scheme once under components', () => {
    expect(document.components.securitySchemes).toEqual({
      OAuth2PasswordBearer: {
        type: 'oauth2',
        flows: {
          password: {
            tokenUrl: '/api/token',
            scopes: {
              'todos:read': 'Read todos',
              'todos:write': 'Change todos',
              admin: 'Administer',
            },
          },
        },
      },
      HTTPBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      HTTPBasic: { type: 'http', scheme: 'basic' },
      APIKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      APIKeyQuery: { type: 'apiKey', in: 'query', name: 'api_key' },
      APIKeyCookie: { type: 'apiKey', in: 'cookie', name: 'session' },
    })
  })

  test('gives each operation its requirement with the scopes required along its path', () => {
    const { paths } = document
    expect(paths['/api/todos']!.get!.security).toEqual([{ OAuth2PasswordBearer: ['todos:read'] }])
    expect(paths['/api/todos']!.post!.security).toEqual([{ OAuth2PasswordBearer: ['todos:write'] }])
    expect(paths['/api/admin/stats']!.get!.security).toEqual([
      { OAuth2PasswordBearer: ['admin', 'todos:read'] },
    ])
    expect(paths['/api/bearer']!.get!.security).toEqual([{ HTTPBearer: [] }])
    expect(paths['/api/basic']!.get!.security).toEqual([{ HTTPBasic: [] }])
    expect(paths['/api/keys']!.get!.security).toEqual([
      { APIKeyHeader: [] },
      { APIKeyQuery: [] },
      { APIKeyCookie: [] },
    ])
    expect(paths['/api/public']!.get!.security).toBeUndefined()
    expect(paths['/api/token']!.post!.security).toBeUndefined()
  })

  test('each secured operation documents its 401 with the challenges it sends, and 403 where scopes are required', () => {
    const responses = (path: string) => app.openapi().paths[path]?.get?.responses ?? {}
    const challenge = (path: string) =>
      responses(path)['401']?.headers?.['WWW-Authenticate']?.schema
    expect(challenge('/api/todos')).toEqual({ type: 'string', enum: ['Bearer'] })
    expect(challenge('/api/basic')).toEqual({ type: 'string', enum: ['Basic'] })
    expect(challenge('/api/keys')).toEqual({ type: 'string', enum: ['APIKey'] })
    expect(responses('/api/todos')).toHaveProperty('403')
    expect(responses('/api/basic')).not.toHaveProperty('403')
    expect(responses('/api/public')).not.toHaveProperty('401')
  })

  test('credentials appear as security schemes, not also as parameters', () => {
    expect(document.paths['/api/keys']!.get!.parameters ?? []).toEqual([])
    expect(document.paths['/api/todos']!.get!.parameters ?? []).toEqual([])
  })

  test('the token endpoint takes the urlencoded password form', () => {
    expect(document.paths['/api/token']!.post!.requestBody).toMatchObject({
      content: {
        'application/x-www-form-urlencoded': {
          schema: {
            type: 'object',
            properties: {
              username: { type: 'string' },
              password: { type: 'string' },
              grant_type: { const: 'password' },
              scope: { type: 'string' },
            },
            required: ['username', 'password'],
          },
        },
      },
    })
  })
})
