import { describe, expect, test } from 'vitest'
import { bcryptHasher } from './bcrypt'
import fixture from './fixtures/fastapi-hashes.json' with { type: 'json' }
import { passwordLogin } from './login'
import { passwordHashing } from './password'
import { pbkdf2Hasher } from './pbkdf2'

const { password, hashes } = fixture

describe('bcryptHasher', () => {
  test('verifies off the event loop: it turns 100 times while one cost-12 hash is checked', async () => {
    let turns = 0
    let verified = false
    const verify = bcryptHasher()
      .verify(password, hashes.passlibBcrypt)
      .finally(() => {
        verified = true
      })
    // Event order only: on the event loop, the hash's work would come between the turns.
    const turning = new Promise<number>((resolve) => {
      const turn = () => {
        if (verified) resolve(turns)
        else if (++turns === 100) resolve(turns)
        else setImmediate(turn)
      }
      setImmediate(turn)
    })
    expect(await turning).toBe(100)
    expect(verified).toBe(false)
    expect(await verify).toBe(true)
  })

  test('reads $2y$ hashes (PHP’s, read by passlib): the same algorithm as $2b$', async () => {
    const php = hashes.passlibBcrypt.replace(/^\$2b\$/, '$2y$')
    const bcrypt = bcryptHasher()
    expect(bcrypt.verifies).toContain('2y')
    expect(await bcrypt.verify(password, php)).toBe(true)
    expect(await bcrypt.verify(`${password}x`, php)).toBe(false)
  })

  test.each([
    ['cut short', hashes.passlibBcrypt.slice(0, -1)],
    ['an unknown variant', hashes.passlibBcrypt.replace(/^\$2b\$/, '$2c$')],
    ['no rounds', '$2b$$adGbpztFFpC.T7qVgmKJ6ePxYb51sQmO9WpBbSynYSTxTWuWF46Ri'],
    ['a character outside its alphabet', hashes.passlibBcrypt.replace(/i$/, '!')],
  ])('refuses a hash %s with a TypeError', async (_, stored) => {
    await expect(bcryptHasher().verify(password, stored)).rejects.toThrow(TypeError)
  })
})

describe('bcrypt past 72 bytes', () => {
  // bcrypt reads a password's first 72 bytes: a hash of an 80-byte password also
  // matches any password with the same first 72 bytes, and nothing can tell them apart.
  const original = `${'p'.repeat(72)}-origin`
  const sameStart = `${'p'.repeat(72)}-other!`

  test('a password that matches only in its first 72 bytes is never the one rehashed', async () => {
    const stored = await bcryptHasher({ cost: 4 }).hash(original)
    const hasher = passwordHashing(pbkdf2Hasher({ iterations: 1_000 }), bcryptHasher())
    const users = new Map([['ada', { name: 'ada', hash: stored }]])
    const rehashed: string[] = []
    const login = passwordLogin({
      hasher,
      findUser: (name) => users.get(name),
      passwordHash: (user) => user.hash,
      rehash: (user, hash) => {
        rehashed.push(hash)
        user.hash = hash
      },
    })
    // As passlib answered: both match the stored hash. Neither replaces it, as either
    // may not be the password that was set; the original keeps working.
    expect(await login('ada', sameStart)).toBeDefined()
    expect(await login('ada', original)).toBeDefined()
    expect(rehashed).toEqual([])
    expect(hasher.truncates?.(original, stored)).toBe(true)
    // Up to 72 bytes a match is the whole password: that is rehashed as before.
    const short = await bcryptHasher({ cost: 4 }).hash('p'.repeat(72))
    expect(hasher.truncates?.('p'.repeat(72), short)).toBe(false)
    users.set('bob', { name: 'bob', hash: short })
    expect(await login('bob', 'p'.repeat(72))).toBeDefined()
    expect(rehashed).toHaveLength(1)
  })
})
