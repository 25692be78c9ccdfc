import { describe, expect, test, vi } from 'vitest'
import { hashPassword, needsRehash, passwords, scryptHasher, verifyPassword } from './node'
import { pbkdf2Hasher } from './pbkdf2'

// Three hashes at production cost (N=2^17) outlast vitest's 5 s default on a loaded 2-CPU machine.
vi.setConfig({ testTimeout: 30_000 })

describe('scrypt, the Node default', () => {
  test('hashes at OWASP’s parameters (N=2^17, r=8, p=1) and verifies', async () => {
    const hash = await hashPassword('correct horse')
    expect(hash).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/)
    expect(await verifyPassword('correct horse', hash)).toBe(true)
    expect(await verifyPassword('Correct horse', hash)).toBe(false)
    expect(needsRehash(hash)).toBe(false)
  })

  test('verifies PBKDF2 hashes from edge runtimes and asks to rehash them', async () => {
    const edge = await pbkdf2Hasher({ iterations: 1_000 }).hash('pw')
    expect(await verifyPassword('pw', edge)).toBe(true)
    expect(await verifyPassword('nope', edge)).toBe(false)
    expect(needsRehash(edge)).toBe(true)
    expect(passwords.verifies).toContain('pbkdf2-sha256')
  })

  test('weaker scrypt parameters need a rehash', async () => {
    const weak = await scryptHasher({ logCost: 10 }).hash('pw')
    expect(weak).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/)
    expect(await verifyPassword('pw', weak)).toBe(true)
    expect(needsRehash(weak)).toBe(true)
    expect(scryptHasher({ logCost: 10 }).needsRehash(weak)).toBe(false)
  })

  test('a planted hash demanding huge memory is refused, not computed', async () => {
    await expect(
      verifyPassword('pw', '$scrypt$ln=30,r=8,p=1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaA'),
    ).rejects.toThrow(TypeError)
  })
})
