import { describe, expect, test } from 'vitest'
import { passwordHashing } from './password'
import { pbkdf2Hasher } from './pbkdf2'
import { verifyAndUpdate } from './verify-and-update'

// pwdlib's PasswordHash.verify_and_update(password, hash) -> (valid, updated_hash | None), in one call.
describe('verifyAndUpdate', () => {
  const old = passwordHashing(pbkdf2Hasher({ iterations: 1_000 }))
  const current = passwordHashing(pbkdf2Hasher({ iterations: 2_000 }))

  test('a current hash: valid, nothing to store', async () => {
    const hash = await current.hash('correct horse')
    expect(await verifyAndUpdate(current, 'correct horse', hash)).toEqual({
      valid: true,
      updatedHash: undefined,
    })
  })

  test('an outdated hash: valid, with a fresh hash that verifies and needs no rehash', async () => {
    const hash = await old.hash('correct horse')
    const { valid, updatedHash } = await verifyAndUpdate(current, 'correct horse', hash)
    expect(valid).toBe(true)
    expect(updatedHash).toMatch(/^\$pbkdf2-sha256\$i=2000\$/)
    expect(await current.verify('correct horse', updatedHash!)).toBe(true)
  })

  test('a wrong password: invalid, and no hash is made for it', async () => {
    const hash = await old.hash('correct horse')
    expect(await verifyAndUpdate(current, 'wrong', hash)).toEqual({
      valid: false,
      updatedHash: undefined,
    })
  })
})
