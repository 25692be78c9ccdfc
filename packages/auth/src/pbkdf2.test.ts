import { describe, expect, test } from 'vitest'
import { hashPassword, needsRehash, verifyPassword } from './index'
import { PBKDF2_ITERATIONS, pbkdf2Hasher } from './pbkdf2'

describe('pbkdf2Hasher', () => {
  const fast = pbkdf2Hasher({ iterations: 1_000 })

  test('the default (600 000 iterations, OWASP) hashes to PHC and verifies', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000)
    const hash = await hashPassword('correct horse')
    expect(hash).toMatch(/^\$pbkdf2-sha256\$i=600000\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/)
    expect(await verifyPassword('correct horse', hash)).toBe(true)
    expect(await verifyPassword('correct horsf', hash)).toBe(false)
    expect(needsRehash(hash)).toBe(false)
  })

  test('each hash has its own salt', async () => {
    const [a, b] = await Promise.all([fast.hash('same'), fast.hash('same')])
    expect(a).not.toBe(b)
    expect(await fast.verify('same', b)).toBe(true)
  })

  test('non-ASCII passwords hash as UTF-8', async () => {
    const hash = await fast.hash('pässwörd ✓')
    expect(await fast.verify('pässwörd ✓', hash)).toBe(true)
    expect(await fast.verify('passwort ✓', hash)).toBe(false)
  })

  test('fewer iterations than configured need a rehash; the stored count still verifies', async () => {
    const weak = await fast.hash('pw')
    expect(needsRehash(weak)).toBe(true)
    expect(await verifyPassword('pw', weak)).toBe(true)
  })

  test('hashes it cannot read are an error, not a silent false', async () => {
    await expect(fast.verify('pw', 'plaintext')).rejects.toThrow(TypeError)
    await expect(fast.verify('pw', '$pbkdf2-sha256$i=0$c2FsdA$aGFzaA')).rejects.toThrow(TypeError)
    await expect(verifyPassword('pw', '$scrypt$ln=17,r=8,p=1$c2FsdA$aGFzaA')).rejects.toThrow(
      /scrypt/,
    )
  })
})
