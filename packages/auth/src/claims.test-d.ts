import { type Dependency, depends, route } from '@sluice/core'
import * as v from 'valibot'
import { describe, expectTypeOf, test } from 'vitest'
import { apiKey } from './api-key'
import { type BasicCredentials, httpBasic } from './basic'
import { httpBearer, oauth2PasswordBearer } from './bearer'
import { verifiedClaims } from './claims'
import type { InvalidTokenReason } from './errors'
import { createJwt } from './jwt'

const jwt = createJwt({
  algorithm: 'HS256',
  secret: 'x'.repeat(32),
  claims: v.object({ sub: v.string() }),
})

describe('credential dependencies', () => {
  test('provide the credential, or possibly undefined in optional mode', () => {
    expectTypeOf(oauth2PasswordBearer({ tokenUrl: '/token' })).toEqualTypeOf<
      Dependency<string, 'request'>
    >()
    expectTypeOf(oauth2PasswordBearer({ tokenUrl: '/token', optional: true })).toEqualTypeOf<
      Dependency<string | undefined, 'request'>
    >()
    expectTypeOf(httpBearer()).toEqualTypeOf<Dependency<string, 'request'>>()
    expectTypeOf(httpBasic()).toEqualTypeOf<Dependency<BasicCredentials, 'request'>>()
    expectTypeOf(apiKey({ in: 'cookie', name: 'k', optional: true })).toEqualTypeOf<
      Dependency<string | undefined, 'request'>
    >()
    // @ts-expect-error an API key travels in a header, query or cookie
    apiKey({ in: 'body', name: 'k' })
    // @ts-expect-error the password flow needs its token URL
    oauth2PasswordBearer({ scopes: {} })
  })
})

describe('verifiedClaims', () => {
  test('gives the schema’s claims to the app’s loader and on to the handler', () => {
    const claims = verifiedClaims(oauth2PasswordBearer({ tokenUrl: '/token' }), jwt)
    expectTypeOf(claims).toEqualTypeOf<Dependency<{ sub: string }, 'request'>>()
    const currentUser = depends({ claims }, ({ claims }) => ({ id: Number(claims.sub) }))
    route.get('/me', { deps: { user: currentUser } }, ({ user }) => {
      expectTypeOf(user).toEqualTypeOf<{ id: number }>()
      return user
    })
  })

  test('refuses a credential that may be missing', () => {
    const optional = oauth2PasswordBearer({ tokenUrl: '/token', optional: true })
    // @ts-expect-error an optional token may be undefined: verify only a required one
    verifiedClaims(optional, jwt)
  })
})

describe('verifiedClaims options', () => {
  test('onInvalid receives the InvalidTokenError and returns an error', () => {
    const token = oauth2PasswordBearer({ tokenUrl: '/token' })
    verifiedClaims(token, jwt, {
      onInvalid: (error) => {
        expectTypeOf(error.reason).toEqualTypeOf<InvalidTokenReason>()
        return error
      },
    })
    // @ts-expect-error onInvalid returns the error to raise
    verifiedClaims(token, jwt, { onInvalid: () => 403 })
  })
})
