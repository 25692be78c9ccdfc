import { describe, expect, test } from 'vitest'
import fixture from './fixtures/fastapi-hashes.json' with { type: 'json' }
import { argon2idHasher, bcryptHasher, needsRehash, passwords, verifyPassword } from './node'

// Hashes written by Python (see the fixture's `about`): what a FastAPI app's user table holds.
const { password, unicodePassword, hashes, unicodeHashes } = fixture

describe('hashes from a FastAPI app (passlib, pwdlib)', () => {
  test.each(Object.entries(hashes))(
    '%s verifies, and the next login replaces it',
    async (_, hash) => {
      expect(await verifyPassword(password, hash)).toBe(true)
      expect(await verifyPassword(`${password}x`, hash)).toBe(false)
      expect(needsRehash(hash)).toBe(true)
    },
  )

  test.each(Object.entries(unicodeHashes))(
    '%s of a non-ASCII password verifies (UTF-8, as Python)',
    async (_, hash) => {
      expect(await verifyPassword(unicodePassword, hash)).toBe(true)
      expect(await verifyPassword(unicodePassword.normalize('NFD'), hash)).toBe(false)
    },
  )

  test('argon2id writes what pwdlib writes, and keeps it at pwdlib’s parameters', async () => {
    const argon2id = argon2idHasher()
    const hash = await argon2id.hash(password)
    expect(hash).toMatch(
      /^\$argon2id\$v=19\$m=65536,t=3,p=4\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    )
    expect(await argon2id.verify(password, hash)).toBe(true)
    expect(argon2id.needsRehash(hashes.pwdlibArgon2id)).toBe(false)
    expect(argon2idHasher({ timeCost: 4 }).needsRehash(hashes.pwdlibArgon2id)).toBe(true)
    expect(passwords.verifies).toEqual(['scrypt', 'argon2id', '2a', '2b', '2y', 'pbkdf2-sha256'])
  })

  test('bcrypt keeps passlib’s cost and hashes as passlib does', async () => {
    const bcrypt = bcryptHasher()
    expect(bcrypt.needsRehash(hashes.passlibBcrypt)).toBe(false)
    expect(bcrypt.needsRehash(hashes.bcrypt2a)).toBe(true)
    expect(await bcrypt.verify(password, await bcryptHasher({ cost: 4 }).hash(password))).toBe(true)
  })

  test('a planted hash demanding huge work is refused, not computed', async () => {
    const hugeMemory = hashes.pwdlibArgon2id.replace('m=65536', 'm=4194304')
    await expect(verifyPassword(password, hugeMemory)).rejects.toThrow(TypeError)
    const hugeCost = hashes.pwdlibBcrypt.replace('$12$', '$31$')
    await expect(verifyPassword(password, hugeCost)).rejects.toThrow(TypeError)
    await expect(
      verifyPassword(password, '$argon2i$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA'),
    ).rejects.toThrow(/argon2i/)
  })
})
