import { HTTPException } from '@sluice/core'
import { describe, expect, test } from 'vitest'
import { passwordLogin } from './login'
import { pbkdf2Hasher } from './pbkdf2'

interface User {
  name: string
  passwordHash: string
}

// Cheaper than the default so the timing test can take many samples; the
// property under test (equal work either way) does not depend on the cost.
const hasher = pbkdf2Hasher({ iterations: 20_000 })

async function usersWith(...entries: [string, string][]) {
  const users = new Map<string, User>()
  for (const [name, password] of entries) {
    users.set(name, { name, passwordHash: await hasher.hash(password) })
  }
  return users
}

describe('passwordLogin', () => {
  test('answers the user for the right password, undefined otherwise', async () => {
    const users = await usersWith(['ada', 'correct horse'])
    const login = passwordLogin({
      findUser: (name) => users.get(name),
      passwordHash: (user) => user.passwordHash,
      hasher,
    })
    expect(await login('ada', 'correct horse')).toEqual(users.get('ada'))
    expect(await login('ada', 'wrong')).toBeUndefined()
    expect(await login('bob', 'correct horse')).toBeUndefined()
  })

  test('refuses a user whose hash nobody can read as a wrong password, after a full verification, and says so', async () => {
    const users = await usersWith(['ada', 'correct horse'])
    users.set('eve', { name: 'eve', passwordHash: '$2b$12$cut-short' })
    users.set('kim', { name: 'kim', passwordHash: '$md5$c2FsdA$aGFzaA' })
    // A real hasher that remembers each hash it computed a verification against.
    const verified: string[] = []
    const recording = {
      ...hasher,
      verify: async (password: string, hash: string) => {
        const matches = await hasher.verify(password, hash)
        verified.push(hash)
        return matches
      },
    }
    const reported: [string, TypeError][] = []
    const login = passwordLogin({
      findUser: (name) => users.get(name),
      passwordHash: (user) => user.passwordHash,
      hasher: recording,
      onUnreadableHash: (user, error) => reported.push([user.name, error]),
    })
    await login('nobody', 'correct horse')
    const [decoy] = verified
    expect(await login('eve', 'correct horse')).toBeUndefined()
    expect(await login('kim', 'correct horse')).toBeUndefined()
    // As much work as a wrong password: one verification each, against the decoy.
    expect(verified).toEqual([decoy, decoy, decoy])
    expect(reported.map(([name, error]) => [name, error.name])).toEqual([
      ['eve', 'TypeError'],
      ['kim', 'TypeError'],
    ])
    expect(await login('ada', 'correct horse')).toEqual(users.get('ada'))
  })

  test('replaces a weaker hash after a successful login', async () => {
    const weak = pbkdf2Hasher({ iterations: 1_000 })
    const users = new Map([['ada', { name: 'ada', passwordHash: await weak.hash('pw') }]])
    const rehashed: string[] = []
    const login = passwordLogin({
      findUser: (name) => users.get(name),
      passwordHash: (user) => user.passwordHash,
      hasher,
      rehash: (_user, hash) => rehashed.push(hash),
    })
    await login('ada', 'wrong')
    expect(rehashed).toEqual([])
    await login('ada', 'pw')
    expect(rehashed).toHaveLength(1)
    expect(rehashed[0]).toMatch(/^\$pbkdf2-sha256\$i=20000\$/)
    expect(await hasher.verify('pw', rehashed[0]!)).toBe(true)
  })

  test('a full hashing queue delays a rehash to the next login, and never sticks', async () => {
    const weak = pbkdf2Hasher({ iterations: 1_000 })
    const users = new Map([['ada', { name: 'ada', passwordHash: await weak.hash('pw') }]])
    const rehashed: string[] = []
    let full = true
    // A hasher whose hashes meet a full queue while `full` is set: the 503 a HashingQueue throws.
    const crowded = {
      ...hasher,
      hash: (password: string) =>
        full
          ? Promise.reject(new HTTPException(503, 'busy', { 'Retry-After': '1' }))
          : hasher.hash(password),
    }
    const login = passwordLogin({
      findUser: (name) => users.get(name),
      passwordHash: (user) => user.passwordHash,
      hasher: crowded,
      rehash: (_user, hash) => rehashed.push(hash),
    })
    // The decoy for unknown users cannot be made yet: this login is a 503, the next tries again.
    await expect(login('ada', 'pw')).rejects.toMatchObject({ status: 503 })
    full = false
    expect(await login('nobody', 'pw')).toBeUndefined()
    full = true
    expect(await login('ada', 'pw')).toEqual(users.get('ada'))
    expect(rehashed).toEqual([])
    full = false
    expect(await login('ada', 'pw')).toEqual(users.get('ada'))
    expect(rehashed).toHaveLength(1)
  })
})

/**
 * Median CPU time (ms) of `samples` runs of each task, interleaved: CPU time, unlike wall time,
 * does not grow with other processes' load on a busy machine.
 */
async function medians(samples: number, tasks: readonly (() => Promise<unknown>)[]) {
  const times = tasks.map(() => [] as number[])
  for (let i = 0; i < samples; i++) {
    for (const [index, task] of tasks.entries()) {
      const start = process.cpuUsage()
      await task()
      const { user, system } = process.cpuUsage(start)
      times[index]!.push((user + system) / 1000)
    }
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!)
}

/** Relative difference of two durations, 0 when equal. */
const spread = (a: number, b: number) => Math.abs(a - b) / Math.max(a, b)

/** Stated tolerance: the two medians differ by less than 30% of the larger. */
const TOLERANCE = 0.3

describe('timing', () => {
  test('an unknown user and a wrong password take the same time (medians within 30%)', async () => {
    const users = await usersWith(['ada', 'correct horse'])
    const login = passwordLogin({
      findUser: async (name) => users.get(name),
      passwordHash: (user) => user.passwordHash,
      hasher,
    })
    await login('warm-up', 'x')
    const [unknownUser, wrongPassword] = await medians(25, [
      () => login('nobody', 'guess'),
      () => login('ada', 'guess'),
    ])
    console.info(
      `login medians: unknown user ${unknownUser!.toFixed(2)} ms, wrong password ${wrongPassword!.toFixed(2)} ms`,
    )
    expect(spread(unknownUser!, wrongPassword!)).toBeLessThan(TOLERANCE)

    // The same measurement catches a login that skips hashing for unknown users.
    const naive = async (name: string, password: string) => {
      const user = users.get(name)
      return user && (await hasher.verify(password, user.passwordHash))
    }
    const [naiveUnknown, naiveWrong] = await medians(25, [
      () => naive('nobody', 'guess'),
      () => naive('ada', 'guess'),
    ])
    expect(spread(naiveUnknown!, naiveWrong!)).toBeGreaterThan(TOLERANCE)
  })
})
