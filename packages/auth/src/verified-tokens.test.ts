import * as v from 'valibot'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createJwt } from './jwt'
import { VerifiedTokens } from './verified-tokens'

const SECRET = 'a-test-secret-that-is-32-bytes!!'

describe('VerifiedTokens', () => {
  test('serves an entry from its nbf until its exp, then forgets it', () => {
    const cache = new VerifiedTokens<string>(10)
    cache.set('token', 'claims', { nbf: 100, exp: 200 })
    expect(cache.get('token', 99)).toBeUndefined()
    expect(cache.get('token', 100)).toBe('claims')
    expect(cache.get('token', 199)).toBe('claims')
    expect(cache.get('token', 200)).toBeUndefined()
    expect(cache.get('token', 150)).toBeUndefined()
  })

  test('keeps at most max entries, dropping the least recently used', () => {
    const cache = new VerifiedTokens<number>(2)
    cache.set('a', 1, { exp: 1000 })
    cache.set('b', 2, { exp: 1000 })
    expect(cache.get('a', 0)).toBe(1)
    cache.set('c', 3, { exp: 1000 })
    expect(cache.get('b', 0)).toBeUndefined()
    expect([cache.get('a', 0), cache.get('c', 0)]).toEqual([1, 3])
  })

  test('remembering a token again evicts nothing', () => {
    const cache = new VerifiedTokens<number>(2)
    cache.set('a', 1, { exp: 1000 })
    cache.set('b', 2, { exp: 1000 })
    cache.set('b', 2, { exp: 1000 })
    expect([cache.get('a', 0), cache.get('b', 0)]).toEqual([1, 2])
  })
})

describe('createJwt({ cache })', () => {
  afterEach(() => vi.useRealTimers())
  const options = {
    algorithm: 'HS256',
    secret: SECRET,
    clockTolerance: 0,
    claims: v.object({ sub: v.string() }),
  } as const

  test('answers the same token again from the cache, frozen', async () => {
    const jwt = createJwt({ ...options, cache: 100 })
    const token = await jwt.sign({ sub: '1' }, { scopes: ['a'] })
    const first = await jwt.verify(token)
    expect(await jwt.verify(token)).toBe(first)
    expect(first).toEqual({
      claims: expect.objectContaining({ sub: '1' }),
      scopes: ['a'],
      header: expect.any(Object),
    })
    expect(Object.isFrozen(first.claims)).toBe(true)
    // Without a cache, each call verifies in full.
    const uncached = createJwt(options)
    expect(await uncached.verify(token)).not.toBe(await uncached.verify(token))
  })

  test('never answers a token that differs in any byte from the cache', async () => {
    const jwt = createJwt({ ...options, cache: 100 })
    const token = await jwt.sign({ sub: '1' })
    await jwt.verify(token)
    const [header, payload, signature] = token.split('.') as [string, string, string]
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`
    await expect(jwt.verify(`${header}.${payload}.${flipped}`)).rejects.toMatchObject({
      reason: 'signature',
    })
  })

  test('refuses a remembered token once it expires', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T00:00:00Z'), toFake: ['Date'] })
    const jwt = createJwt({ ...options, cache: 100, expiresIn: 60 })
    const token = await jwt.sign({ sub: '1' })
    await jwt.verify(token)
    vi.setSystemTime(new Date('2026-11-22T00:01:00Z'))
    await expect(jwt.verify(token)).rejects.toMatchObject({ reason: 'expired' })
  })
})
