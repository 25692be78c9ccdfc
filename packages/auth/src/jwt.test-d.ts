import type { JWTPayload } from 'jose'
import * as v from 'valibot'
import { describe, expectTypeOf, test } from 'vitest'
import { createJwt, type JwtVerifier, type VerifiedToken } from './jwt'

const secret = 'x'.repeat(32)

describe('createJwt', () => {
  test('verify returns the claims schema’s output; sign takes its input', async () => {
    const jwt = createJwt({
      algorithm: 'HS256',
      secret,
      claims: v.object({ sub: v.string(), admin: v.optional(v.boolean(), false) }),
    })
    expectTypeOf(await jwt.verify('t')).toEqualTypeOf<
      VerifiedToken<{ sub: string; admin: boolean }>
    >()
    await jwt.sign({ sub: '1' }, { scopes: ['a'], expiresIn: '1h' })
    // @ts-expect-error sub is required by the schema
    await jwt.sign({ admin: true })
    // @ts-expect-error sub is a string
    await jwt.sign({ sub: 1 })
    // @ts-expect-error the factory sets the expiry; use options.expiresIn
    await jwt.sign({ sub: '1', exp: 0 })
  })

  test('without a schema the claims are jose’s payload', async () => {
    const jwt = createJwt({ algorithm: 'HS256', secret })
    expectTypeOf((await jwt.verify('t')).claims).toEqualTypeOf<JWTPayload>()
  })

  test('a JWKS configuration only verifies', () => {
    const verifier = createJwt({ algorithms: ['ES256'], jwks: { keys: [] } })
    expectTypeOf(verifier).toEqualTypeOf<JwtVerifier<JWTPayload>>()
    // @ts-expect-error no signing key
    verifier.sign
  })

  test('keys must fit the algorithm', () => {
    const key = {} as CryptoKey
    createJwt({ algorithm: 'RS256', publicKey: key, privateKey: key })
    createJwt({ algorithm: 'HS512', keys: [{ kid: 'a', secret }] })
    // @ts-expect-error an HMAC algorithm takes a secret, not a public key
    createJwt({ algorithm: 'HS256', publicKey: key })
    // @ts-expect-error a public-key algorithm takes keys, not a secret
    createJwt({ algorithm: 'RS256', secret })
    // @ts-expect-error `none` is not an algorithm
    createJwt({ algorithm: 'none', secret })
    // @ts-expect-error a JWKS is for public-key algorithms only
    createJwt({ algorithms: ['HS256'], jwks: { keys: [] } })
  })
})
