import { createApp, route } from '@sluice/core'
import { base64url, exportJWK, exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { oauth2PasswordBearer } from './bearer'
import { verifiedClaims } from './claims'
import type { InvalidTokenReason } from './errors'
import { createJwt, type JwtVerifier } from './jwt'

const encoder = new TextEncoder()
const SECRET = 'a-test-secret-that-is-32-bytes!!'
const OTHER_SECRET = 'another-secret-also-32-bytes-ok!'
const Claims = v.object({ sub: v.string(), role: v.picklist(['user', 'admin']) })
const jwt = createJwt({
  algorithm: 'HS256',
  secret: SECRET,
  issuer: 'sluice-test',
  audience: 'todo-api',
  claims: Claims,
})

/** A real app whose one route answers with the verified claims of its bearer token. */
function appVerifying(verifier: JwtVerifier<Record<string, unknown>>) {
  const token = oauth2PasswordBearer({ tokenUrl: '/token' })
  const claims = verifiedClaims(token, verifier)
  return createApp({ routes: [route.get('/me', { deps: { claims } }, ({ claims }) => claims)] })
}

const app = appVerifying(jwt)
const get = (target: typeof app, token: string) =>
  target.request('/me', { headers: { authorization: `Bearer ${token}` } })

/** Signs any payload and header with jose directly, as an attacker or a foreign issuer would. */
function forge(
  payload: Record<string, unknown>,
  {
    alg = 'HS256',
    key = encoder.encode(SECRET) as unknown,
    kid,
  }: { alg?: string; key?: unknown; kid?: string } = {},
) {
  const claims = { iss: 'sluice-test', aud: 'todo-api', sub: '1', role: 'user', ...payload }
  return new SignJWT(claims as JWTPayload)
    .setProtectedHeader(kid ? { alg, kid } : { alg })
    .setIssuedAt()
    .sign(key as Uint8Array)
}

const now = () => Math.floor(Date.now() / 1000)
const valid = { exp: now() + 600 }

/** The refusal every bad token gets, whatever was wrong with it. */
async function expectRefused(response: Response) {
  expect(response.status).toBe(401)
  expect(await response.json()).toEqual({ detail: 'Could not validate credentials' })
  expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
}

describe('a valid token', () => {
  test('signed by the factory passes and yields the schema-checked claims', async () => {
    const token = await jwt.sign({ sub: '42', role: 'admin' })
    const response = await get(app, token)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ sub: '42', role: 'admin' })
    const { header, scopes } = await jwt.verify(token)
    expect(header).toMatchObject({ alg: 'HS256', typ: 'JWT' })
    expect(scopes).toEqual([])
  })

  test('carries issuer, audience, iat and a 15 minute expiry by default', async () => {
    const bare = createJwt({
      algorithm: 'HS256',
      secret: SECRET,
      issuer: 'sluice-test',
      audience: 'todo-api',
    })
    const { claims } = await bare.verify(await bare.sign({ sub: '42' }, { scopes: ['a', 'b'] }))
    expect(claims).toMatchObject({ iss: 'sluice-test', aud: ['todo-api'], sub: '42', scope: 'a b' })
    expect(claims.exp! - claims.iat!).toBe(900)
  })

  test('a numeric expiresIn counts seconds from now', async () => {
    const { claims } = await createJwt({ algorithm: 'HS256', secret: SECRET }).verify(
      await createJwt({ algorithm: 'HS256', secret: SECRET, expiresIn: 60 }).sign({}),
    )
    expect(claims.exp! - claims.iat!).toBe(60)
  })
})

describe('the attack matrix: each token is refused with 401, for the right reason', () => {
  const cases: [string, () => Promise<string> | string, InvalidTokenReason][] = [
    [
      'alg: none',
      () =>
        `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url.encode(
          JSON.stringify({
            iss: 'sluice-test',
            aud: 'todo-api',
            sub: '1',
            role: 'admin',
            ...valid,
          }),
        )}.`,
      'algorithm',
    ],
    [
      'an algorithm outside the allow-list (HS512)',
      () => forge(valid, { alg: 'HS512', key: encoder.encode(SECRET.repeat(2)) }),
      'algorithm',
    ],
    ['expired', () => forge({ exp: now() - 60 }), 'expired'],
    ['not yet valid', () => forge({ ...valid, nbf: now() + 60 }), 'not_yet_valid'],
    ['wrong issuer', () => forge({ ...valid, iss: 'evil' }), 'issuer'],
    ['wrong audience', () => forge({ ...valid, aud: 'other-api' }), 'audience'],
    [
      'signed with another secret',
      () => forge(valid, { key: encoder.encode(OTHER_SECRET) }),
      'signature',
    ],
    [
      'a tampered payload',
      async () => {
        const [header, , signature] = (await forge(valid)).split('.')
        const payload = base64url.encode(
          JSON.stringify({
            iss: 'sluice-test',
            aud: 'todo-api',
            sub: '1',
            role: 'admin',
            ...valid,
          }),
        )
        return `${header}.${payload}.${signature}`
      },
      'signature',
    ],
    ['a truncated signature', async () => (await forge(valid)).slice(0, -4), 'signature'],
    ['a signature cut mid-character', async () => (await forge(valid)).slice(0, -6), 'malformed'],
    [
      'a token cut before its signature',
      async () => (await forge(valid)).split('.').slice(0, 2).join('.'),
      'malformed',
    ],
    ['garbage', () => 'not-a-jwt', 'malformed'],
    ['a header that is not JSON', () => `${base64url.encode('{nope')}.e30.c2ln`, 'malformed'],
    [
      'an absurdly long token',
      async () => `${await forge(valid)}${'A'.repeat(10_000)}`,
      'too_long',
    ],
    ['claims that fail the schema', () => forge({ ...valid, role: 'superuser' }), 'claims'],
    ['no expiry at all', () => forge({}), 'claims'],
    ['an unknown kid with several keys', () => forge(valid, { kid: 'nobody' }), 'unknown_key'],
  ]

  test.each(cases)('%s', async (_name, make, reason) => {
    const token = await make()
    const rotated = createJwt({
      algorithm: 'HS256',
      keys: [
        { kid: 'current', secret: SECRET },
        { kid: 'previous', secret: OTHER_SECRET },
      ],
      issuer: 'sluice-test',
      audience: 'todo-api',
      claims: Claims,
    })
    const target = reason === 'unknown_key' ? rotated : jwt
    await expectRefused(await get(appVerifying(target), token))
    await expect(target.verify(token)).rejects.toMatchObject({ reason })
  })

  test('an HS256 token signed with the RSA public key is refused by an RS256 app', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
    const rsa = createJwt({ algorithm: 'RS256', publicKey, privateKey })
    const pem = await exportSPKI(publicKey)
    const token = await forge(valid, { key: encoder.encode(pem) })
    await expectRefused(await get(appVerifying(rsa), token))
    await expect(rsa.verify(token)).rejects.toMatchObject({ reason: 'algorithm' })
    expect((await get(appVerifying(rsa), await rsa.sign({ sub: '1' }))).status).toBe(200)
  })

  test('a missing or non-bearer Authorization header is not authenticated', async () => {
    for (const headers of [
      {},
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: 'Bearer ' },
    ]) {
      const response = await app.request('/me', { headers })
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({ detail: 'Not authenticated' })
      expect(response.headers.get('www-authenticate')).toBe('Bearer')
    }
  })
})

describe('configuration', () => {
  test('an HMAC secret shorter than the hash output is refused at once', () => {
    expect(() => createJwt({ algorithm: 'HS256', secret: 'short' })).toThrow(/at least 32 bytes/)
    expect(() => createJwt({ algorithm: 'HS256', secret: 'x'.repeat(31) })).toThrow(
      /at least 32 bytes/,
    )
    expect(() => createJwt({ algorithm: 'HS512', secret: SECRET })).toThrow(/at least 64 bytes/)
    expect(() =>
      createJwt({
        algorithm: 'HS256',
        keys: [
          { kid: 'a', secret: SECRET },
          { kid: 'b', secret: 'short' },
        ],
      }),
    ).toThrow(/at least 32 bytes/)
  })

  test('several keys need distinct kids', () => {
    expect(() =>
      createJwt({ algorithm: 'HS256', keys: [{ secret: SECRET }, { secret: OTHER_SECRET }] }),
    ).toThrow(/distinct kid/)
    // One key may go without a kid: it verifies the tokens that carry none.
    expect(() =>
      createJwt({
        algorithm: 'HS256',
        keys: [{ kid: 'a', secret: SECRET }, { secret: OTHER_SECRET }],
      }),
    ).not.toThrow()
    expect(() =>
      createJwt({
        algorithm: 'HS256',
        keys: [
          { kid: 'a', secret: SECRET },
          { kid: 'a', secret: OTHER_SECRET },
        ],
      }),
    ).toThrow(/distinct kid/)
    expect(() => createJwt({ algorithm: 'HS256', keys: [] })).toThrow(/at least one key/)
  })

  test('the clock tolerance (default 5 s) forgives a little skew, and only a little', async () => {
    const justExpired = await forge({ exp: now() - 2 })
    await expect(jwt.verify(justExpired)).resolves.toMatchObject({ claims: { sub: '1' } })
    const strict = createJwt({ algorithm: 'HS256', secret: SECRET, clockTolerance: 0 })
    await expect(strict.verify(justExpired)).rejects.toMatchObject({ reason: 'expired' })
    const lenient = createJwt({ algorithm: 'HS256', secret: SECRET, clockTolerance: '1m' })
    await expect(
      lenient.verify(await forge({ exp: now() + 600, nbf: now() + 30 })),
    ).resolves.toBeDefined()
  })

  test('the length limit is configurable', async () => {
    const tight = createJwt({ algorithm: 'HS256', secret: SECRET, maxTokenLength: 100 })
    await expect(tight.verify(await tight.sign({ sub: 'x'.repeat(100) }))).rejects.toMatchObject({
      reason: 'too_long',
    })
  })

  test('a verify-only key pair refuses to sign', async () => {
    const { publicKey } = await generateKeyPair('ES256')
    const verifier = createJwt({ algorithm: 'ES256', publicKey })
    await expect(verifier.sign({ sub: '1' })).rejects.toThrow(/no signing key/)
  })
})

describe('key rotation', () => {
  test('tokens signed with the previous key still verify; new ones use the current kid', async () => {
    const before = createJwt({ algorithm: 'HS256', keys: [{ kid: '2025', secret: OTHER_SECRET }] })
    const after = createJwt({
      algorithm: 'HS256',
      keys: [
        { kid: '2026', secret: SECRET },
        { kid: '2025', secret: OTHER_SECRET },
      ],
    })
    const old = await before.sign({ sub: 'old' })
    expect((await after.verify(old)).claims.sub).toBe('old')
    const fresh = await after.sign({ sub: 'new' })
    expect((await after.verify(fresh)).header.kid).toBe('2026')
    await expect(before.verify(fresh)).rejects.toMatchObject({ reason: 'unknown_key' })
  })

  test('a kid naming one key with a signature from another is a bad signature', async () => {
    const rotated = createJwt({
      algorithm: 'HS256',
      keys: [
        { kid: 'a', secret: SECRET },
        { kid: 'b', secret: OTHER_SECRET },
      ],
    })
    const token = await forge({ ...valid, iss: undefined, aud: undefined }, { kid: 'b' })
    await expect(rotated.verify(token)).rejects.toMatchObject({ reason: 'signature' })
  })
})

describe('public-key algorithms and a local JWKS', () => {
  test.each(['RS256', 'ES256', 'EdDSA'] as const)('%s signs and verifies', async (algorithm) => {
    const { publicKey, privateKey } = await generateKeyPair(algorithm)
    const pair = createJwt({
      algorithm,
      publicKey,
      privateKey,
      claims: v.object({ sub: v.string() }),
    })
    const token = await pair.sign({ sub: '7' })
    expect(await (await get(appVerifying(pair), token)).json()).toEqual({ sub: '7' })
  })

  test('a JWKS verifier picks keys by kid and keeps to its algorithms', async () => {
    const es = await generateKeyPair('ES256', { extractable: true })
    const ed = await generateKeyPair('EdDSA', { extractable: true })
    const signer = createJwt({ algorithm: 'ES256', keys: [{ kid: 'es', ...es }] })
    const edSigner = createJwt({ algorithm: 'EdDSA', keys: [{ kid: 'ed', ...ed }] })
    const jwks = {
      keys: [
        { ...(await exportJWK(es.publicKey)), kid: 'es', alg: 'ES256' },
        { ...(await exportJWK(ed.publicKey)), kid: 'ed', alg: 'EdDSA' },
      ],
    }
    const verifier = createJwt({ algorithms: ['ES256'], jwks })
    expect((await verifier.verify(await signer.sign({ sub: 'x' }))).claims.sub).toBe('x')
    await expect(verifier.verify(await edSigner.sign({ sub: 'x' }))).rejects.toMatchObject({
      reason: 'algorithm',
    })
    await expectRefused(await get(appVerifying(verifier), await edSigner.sign({ sub: 'x' })))
  })
})

describe('a legacy HMAC secret under the minimum', () => {
  const LEGACY = 'changethis' // the FastAPI template's default SECRET_KEY: 10 bytes

  test('is refused unless the app opts in, and the opt-in is logged loudly once', async () => {
    expect(() => createJwt({ algorithm: 'HS256', secret: LEGACY })).toThrow(/at least 32 bytes/)
    const warnings: string[] = []
    const legacy = createJwt({
      algorithm: 'HS256',
      secret: LEGACY,
      legacyShortSecret: true,
      logger: { warn: (message: string) => warnings.push(message) },
    })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/HS256 secret of 10 bytes.*at least 32.*rotate/is)
    expect(warnings[0]).not.toContain(LEGACY)
    const token = await legacy.sign({ sub: '1' })
    expect((await legacy.verify(token)).claims).toMatchObject({ sub: '1' })
  })

  test('rotation: the new secret signs under a kid, the kid-less legacy one still verifies old tokens', async () => {
    // Tokens signed before the move carry no kid (PyJWT writes none).
    const old = createJwt({
      algorithm: 'HS256',
      secret: LEGACY,
      legacyShortSecret: true,
      logger: { warn: () => {} },
    })
    const oldToken = await old.sign({ sub: '1' })
    const rotated = createJwt({
      algorithm: 'HS256',
      keys: [{ kid: 'new', secret: SECRET }, { secret: LEGACY }],
      legacyShortSecret: true,
      logger: { warn: () => {} },
    })
    expect((await rotated.verify(oldToken)).claims).toMatchObject({ sub: '1' })
    const fresh = await rotated.sign({ sub: '2' })
    expect(JSON.parse(atob(fresh.split('.')[0]!))).toMatchObject({ kid: 'new' })
  })
})
