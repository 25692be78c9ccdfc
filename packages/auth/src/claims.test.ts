import { createApp, depends, HTTPException, requireScopes, route, router } from '@sluice/core'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { oauth2PasswordBearer } from './bearer'
import { verifiedClaims } from './claims'
import { InvalidTokenError } from './errors'
import { createJwt } from './jwt'

const jwt = createJwt({
  algorithm: 'HS256',
  secret: crypto.getRandomValues(new Uint8Array(32)),
  claims: v.object({ sub: v.string() }),
})
const users = new Map([['1', { id: '1', name: 'Ada' }]])

// The few lines an app writes: token → verified claims → its own loader.
const token = oauth2PasswordBearer({
  tokenUrl: '/token',
  scopes: { 'todos:read': 'Read todos', 'todos:write': 'Change todos', admin: 'Administer' },
})
const claims = verifiedClaims(token, jwt)
const currentUser = depends({ claims }, ({ claims }) => {
  const user = users.get(claims.sub)
  if (!user) throw new InvalidTokenError('claims')
  return user
})

const audit = depends(
  { user: requireScopes(currentUser, ['todos:read']) },
  ({ user }, { scopes }) => ({ user: user.name, scopes }),
)

const app = createApp({
  routes: [
    route.get('/me', { deps: { user: currentUser } }, ({ user }) => user),
    route.post(
      '/todos',
      { deps: { user: requireScopes(currentUser, ['todos:write']) } },
      ({ user }) => ({
        by: user.name,
      }),
    ),
    route.get(
      '/audit',
      { deps: { audit: requireScopes(audit, ['todos:write']) } },
      ({ audit }) => audit,
    ),
    router({ prefix: '/admin', deps: [requireScopes(claims, ['admin'])] }, [
      route.get('/stats', { deps: { user: currentUser } }, ({ user }) => ({ for: user.name })),
    ]),
  ],
})

const as = async (scopes: string[], sub = '1') => ({
  authorization: `Bearer ${await jwt.sign({ sub }, { scopes })}`,
})

async function expectInsufficient(response: Response, scope: string) {
  expect(response.status).toBe(403)
  expect(await response.json()).toEqual({ detail: 'Not enough permissions' })
  expect(response.headers.get('www-authenticate')).toBe(
    `Bearer error="insufficient_scope", scope="${scope}"`,
  )
}

describe('verifiedClaims and a currentUser built on it', () => {
  test('a valid token reaches the loader', async () => {
    const response = await app.request('/me', { headers: await as([]) })
    expect(await response.json()).toEqual({ id: '1', name: 'Ada' })
  })

  test('a valid token for a user that no longer exists is 401 invalid_token', async () => {
    const response = await app.request('/me', { headers: await as([], 'ghost') })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ detail: 'Could not validate credentials' })
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
  })
})

describe('scopes', () => {
  test('a token granting the required scope passes', async () => {
    const response = await app.request('/todos', {
      method: 'POST',
      headers: await as(['todos:write']),
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ by: 'Ada' })
  })

  test('a valid token lacking a scope is 403 insufficient_scope (RFC 6750)', async () => {
    const response = await app.request('/todos', {
      method: 'POST',
      headers: await as(['todos:read']),
    })
    await expectInsufficient(response, 'todos:write')
  })

  test('a bad token is still 401 on a route that requires scopes', async () => {
    const response = await app.request('/todos', {
      method: 'POST',
      headers: { authorization: 'Bearer x.y.z' },
    })
    expect(response.status).toBe(401)
  })

  test('dependencies see the union of scopes required along the path', async () => {
    const response = await app.request('/audit', {
      headers: await as(['todos:read', 'todos:write']),
    })
    expect(await response.json()).toEqual({ user: 'Ada', scopes: ['todos:write'] })
    await expectInsufficient(
      await app.request('/audit', { headers: await as(['todos:write']) }),
      // FastAPI's order: the scopes required further up first.
      'todos:write todos:read',
    )
  })

  test('a router can require scopes of every route below it', async () => {
    await expectInsufficient(
      await app.request('/admin/stats', { headers: await as(['todos:read']) }),
      'admin',
    )
    const response = await app.request('/admin/stats', { headers: await as(['admin']) })
    expect(await response.json()).toEqual({ for: 'Ada' })
  })
})

describe('the answer to a rejected token is the app’s choice', () => {
  // The FastAPI full-stack template answers a bad token with its own 403.
  const forbidden = verifiedClaims(token, jwt, {
    onInvalid: () => new HTTPException(403, 'Could not validate credentials'),
  })
  const app = createApp({
    routes: [route.get('/me', { deps: { claims: forbidden } }, ({ claims }) => claims)],
  })

  test('a bad token gets the exception onInvalid returns', async () => {
    const response = await app.request('/me', { headers: { authorization: 'Bearer x.y.z' } })
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({ detail: 'Could not validate credentials' })
    expect(response.headers.get('www-authenticate')).toBeNull()
  })

  test('onInvalid is told why, and a good token passes untouched', async () => {
    const reasons: string[] = []
    const noted = verifiedClaims(token, jwt, {
      onInvalid: (error) => {
        reasons.push(error.reason)
        return error
      },
    })
    const app = createApp({
      routes: [route.get('/me', { deps: { claims: noted } }, ({ claims }) => claims)],
    })
    const expired = await jwt.sign({ sub: '1' }, { expiresIn: -60 })
    expect(
      (await app.request('/me', { headers: { authorization: `Bearer ${expired}` } })).status,
    ).toBe(401)
    expect(reasons).toEqual(['expired'])
    const good = await jwt.sign({ sub: '1' })
    const response = await app.request('/me', { headers: { authorization: `Bearer ${good}` } })
    expect(await response.json()).toMatchObject({ sub: '1' })
  })
})
