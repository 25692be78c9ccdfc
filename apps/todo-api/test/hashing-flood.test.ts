import { nodeHashingQueue } from '@sluice/auth/node'
import { type ServerHandle, serve } from '@sluice/core/node'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { onPostgres } from './database'
import { requestFrom } from './from-address'
import { PASSWORD, type TestApp, testApp } from './helpers'

/*
 * A login flood from 20 addresses, each within the app's limits (5 guesses per
 * account and 50 per client in 15 minutes), that keeps the hashing queue's line
 * full, while a user who has not failed logs in from elsewhere. Real sockets: each
 * client is its own address of 127.0.0.0/8, which every address of is local.
 * The hashing does not depend on the database: SQLite only.
 */
// About 50 scrypt hashes at production cost; generous for a loaded machine.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 60_000 })

const ATTACKERS = Array.from({ length: 20 }, (_, i) => `127.0.1.${i + 1}`)
const USER_ADDRESS = '127.0.2.1'
const USER = 'flooded@example.com'
/** Guesses per attacker: under the 50 a client may make, at most 5 at each account. */
const BUDGET = 45
const ACCOUNTS = [USER, ...Array.from({ length: 9 }, (_, i) => `guessed-${i}@example.com`)]

const login = (base: string, from: string, username: string, password: string) =>
  requestFrom(base, { from, method: 'POST', path: '/auth/token', form: { username, password } })

/**
 * Attackers that keep the line full and no more: each keeps `inFlight` guesses
 * open; one refused with 503 waits until a hash ends (a 401 arrives) before it
 * tries again, so the flood spends its budget on hashes, not on refusals.
 */
function flood(base: string, inFlight: number) {
  let stopped = false
  const parked: (() => void)[] = []
  const refusals: (() => void)[] = []
  const statuses: number[] = []
  const firstFailures: Promise<void>[] = []
  const attacker = async (from: string, lane: number, failed: () => void) => {
    for (let guess = lane; guess < BUDGET && !stopped; guess += inFlight) {
      const account = ACCOUNTS[guess % ACCOUNTS.length] as string
      const status = await login(base, from, account, `guess-${guess}-x1`)
      statuses.push(status)
      if (status === 401) {
        failed()
        parked.shift()?.()
      }
      if (status === 503) {
        for (const notify of refusals.splice(0)) notify()
        if (!stopped) await new Promise<void>((resolve) => parked.push(resolve))
      }
    }
  }
  const attacks = ATTACKERS.flatMap((from) => {
    let failed = () => {}
    firstFailures.push(new Promise<void>((resolve) => (failed = resolve)))
    return Array.from({ length: inFlight }, (_, lane) => attacker(from, lane, failed))
  })
  return {
    statuses,
    /** Every attacker has failed a login: from now on, each has failures in the window. */
    everyAttackerFailed: Promise.all(firstFailures),
    /** A hash other than theirs ended: one waiting attacker takes its place. */
    slotFreed: () => parked.shift()?.(),
    /** The next refusal of an attacker: the line is full at that moment. */
    nextRefusal: () => new Promise<void>((resolve) => refusals.push(resolve)),
    async stop() {
      stopped = true
      for (const wake of parked.splice(0)) wake()
      await Promise.all(attacks)
    },
  }
}

describe.skipIf(onPostgres)('a login flood within the limits', () => {
  let t: TestApp
  let server: ServerHandle
  let base: string
  beforeAll(async () => {
    // The limits as deployed, not the test helper's raised ones.
    t = await testApp({ LOGIN_MAX_FAILURES: '5', LOGIN_CLIENT_MAX_FAILURES: '50' })
    server = await serve(t.app, { port: 0, hostname: '127.0.0.1', signals: false })
    base = server.url
    const registered = await requestFrom(base, {
      from: USER_ADDRESS,
      method: 'POST',
      path: '/auth/register',
      json: { email: USER, password: PASSWORD },
    })
    expect(registered).toBe(201)
  })
  afterAll(async () => {
    await server?.close()
    await t?.close()
  })

  it('leaves a user without failed logins at least 5 of 6 logins', async () => {
    const { concurrency, maxWaiting } = nodeHashingQueue
    // Enough open guesses to overfill the line on any machine: 20 on 2 CPUs.
    const inFlight = Math.ceil((concurrency + maxWaiting + ATTACKERS.length) / ATTACKERS.length)
    const attack = flood(base, inFlight)
    const outcomes: number[] = []
    try {
      await attack.everyAttackerFailed
      // Each login starts right after an attacker was refused: the line is full.
      for (let i = 0; i < 6; i++) {
        await attack.nextRefusal()
        outcomes.push(await login(base, USER_ADDRESS, USER, PASSWORD))
        attack.slotFreed()
      }
    } finally {
      await attack.stop()
    }
    console.info(
      `user's logins under the flood: ${outcomes.join(' ')}; attackers: ` +
        `${attack.statuses.filter((s) => s === 401).length} × 401, ` +
        `${attack.statuses.filter((s) => s === 503).length} × 503, ` +
        `${attack.statuses.filter((s) => s === 429).length} × 429`,
    )
    expect(attack.statuses).not.toContain(429)
    expect(outcomes.filter((status) => status === 200).length).toBeGreaterThanOrEqual(5)
  })
})
