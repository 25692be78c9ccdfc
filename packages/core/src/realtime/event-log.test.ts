import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { type EventLog, type LoggedEvent, memoryEventLog } from './event-log'

/** Subscribes and collects the texts delivered. */
function follow(log: EventLog, topic: string, after?: string) {
  const seen: LoggedEvent[] = []
  const stop = log.subscribe(
    topic,
    after,
    (event) => seen.push(event),
    () => {},
  )
  return { seen, texts: () => seen.map((event) => event.text), stop }
}

/** The texts a client resuming after `after` is sent at once (by default everything kept), then unsubscribes. */
function replayed(log: EventLog, topic: string, after = '0-0') {
  const client = follow(log, topic, after)
  client.stop()
  return client.texts()
}

/** Appends `texts` to `topic` and returns their ids. */
async function appendAll(log: EventLog, topic: string, texts: readonly string[]) {
  const recorder = follow(log, topic)
  for (const text of texts) await log.append(topic, text)
  recorder.stop()
  return recorder.seen.map((event) => event.id)
}

describe('memoryEventLog', () => {
  test('delivers each append to the subscribers of its topic only, with increasing ids', async () => {
    const log = memoryEventLog()
    const ann = follow(log, 'ann')
    const ben = follow(log, 'ben')
    await log.append('ann', 'a1')
    await log.append('ben', 'b1')
    await log.append('ann', 'a2')
    expect(ann.texts()).toEqual(['a1', 'a2'])
    expect(ben.texts()).toEqual(['b1'])
    ann.stop()
    await log.append('ann', 'a3')
    expect(ann.texts()).toEqual(['a1', 'a2'])
  })

  test('numbers each topic on its own: ids reveal nothing of other topics’ appends', async () => {
    const log = memoryEventLog()
    const ann = follow(log, 'ann')
    await log.append('ann', 'a1')
    for (let i = 0; i < 50; i++) await log.append('ben', `b${i}`)
    await log.append('ann', 'a2')
    const [start] = ann.seen[0]?.id.split('-') ?? []
    expect(ann.seen.map((event) => event.id)).toEqual([`${start}-1`, `${start}-2`])
  })

  test('sends a client resuming a forgotten topic every event of the topic written since', async () => {
    const log = memoryEventLog({ maxTopics: 1 })
    const before = await appendAll(log, 'ann', ['a1', 'a2', 'a3'])
    await log.append('ben', 'b1') // ann's topic is forgotten, and its count with it
    await appendAll(log, 'ann', ['new 1', 'new 2', 'new 3', 'new 4'])
    expect(follow(log, 'ann', before[1]).texts()).toEqual(['new 1', 'new 2', 'new 3', 'new 4'])
  })

  test('replays the retained events after a Last-Event-ID, then goes on live', async () => {
    const log = memoryEventLog({ retain: 3 })
    const ids = await appendAll(log, 'feed', ['e1', 'e2', 'e3', 'e4', 'e5'])
    expect(follow(log, 'feed', ids[2]).texts()).toEqual(['e4', 'e5'])
    // Only the last 3 are kept: a client further behind gets what is left.
    const behind = follow(log, 'feed', ids[0])
    expect(behind.texts()).toEqual(['e3', 'e4', 'e5'])
    await log.append('feed', 'e6')
    expect(behind.texts()).toEqual(['e3', 'e4', 'e5', 'e6'])
  })

  test('sends a client that resumes with an id of an earlier process everything retained', async () => {
    const earlier = memoryEventLog()
    const [oldId] = await appendAll(earlier, 'feed', ['before the restart'])
    await new Promise((resolve) => setTimeout(resolve, 2)) // a later start
    const restarted = memoryEventLog()
    await restarted.append('feed', 'after 1')
    await restarted.append('feed', 'after 2')
    expect(follow(restarted, 'feed', oldId).texts()).toEqual(['after 1', 'after 2'])
  })

  test.each([
    ['an id it never issued', `${Date.now() + 60_000}-1`],
    ['a sequence past its last', 'now-99'],
    ['a malformed id', '2; DROP'],
    ['a huge id', '9'.repeat(400)],
    ['a number alone', '1'],
  ])('ignores %s: nothing is replayed, new events still arrive', async (_, after) => {
    const log = memoryEventLog()
    const [id] = await appendAll(log, 'feed', ['old'])
    const client = follow(log, 'feed', after.replace('now', String(id?.split('-')[0])))
    await log.append('feed', 'new')
    expect(client.texts()).toEqual(['new'])
  })

  test('past maxTopics, drops the events of the least recently written topics', async () => {
    const log = memoryEventLog({ maxTopics: 2 })
    const followed = follow(log, 'followed')
    await log.append('followed', 'dropped')
    await log.append('first', 'kept')
    await log.append('second', 'kept')
    expect(replayed(log, 'followed')).toEqual([])
    expect(replayed(log, 'first')).toEqual(['kept'])
    expect(replayed(log, 'second')).toEqual(['kept'])
    // Its subscriber still hears new events, numbered on from the last.
    await log.append('followed', 'new')
    expect(followed.seen.map((event) => event.id.split('-')[1])).toEqual(['1', '2'])
  })
})

describe('memoryEventLog’s bounds', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  test('past maxBytes, drops the oldest events of the least recently written topics', async () => {
    // Each event of 1,000 characters counts about 2,100 bytes: five do not fit in 10,000.
    const log = memoryEventLog({ maxBytes: 10_000 })
    const text = (name: string) => name.padEnd(1000, '.')
    await appendAll(log, 'ann', [text('a1'), text('a2'), text('a3')])
    await appendAll(log, 'ben', [text('b1'), text('b2')])
    expect(replayed(log, 'ann')).toEqual([text('a2'), text('a3')])
    expect(replayed(log, 'ben')).toEqual([text('b1'), text('b2')])
  })

  test('delivers an event bigger than maxBytes to its subscribers, and keeps none', async () => {
    const log = memoryEventLog({ maxBytes: 10_000 })
    await appendAll(log, 'ann', ['small'])
    const live = follow(log, 'ben')
    await log.append('ben', 'x'.repeat(6000))
    expect(live.texts()).toEqual(['x'.repeat(6000)])
    expect(replayed(log, 'ann')).toEqual([])
    expect(replayed(log, 'ben')).toEqual([])
  })

  test('replays nothing older than maxAge, and forgets a topic whose events all expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'))
    const log = memoryEventLog({ maxAge: 60_000 })
    const [first] = await appendAll(log, 'ann', ['old'])
    vi.advanceTimersByTime(40_000)
    await log.append('ann', 'recent')
    vi.advanceTimersByTime(30_000)
    expect(replayed(log, 'ann')).toEqual(['recent'])
    vi.advanceTimersByTime(30_000)
    await log.append('ben', 'written by someone else')
    expect(replayed(log, 'ann')).toEqual([])
    // Forgotten: kept again from a later start, so a client's old id sorts before it.
    const [again] = await appendAll(log, 'ann', ['new'])
    expect(Number(again?.split('-')[0])).toBeGreaterThan(Number(first?.split('-')[0]))
    expect(again?.split('-')[1]).toBe('1')
    expect(replayed(log, 'ann', first)).toEqual(['new'])
  })

  test('sends a client resuming after dropped events what is left, numbered so it sees the gap', async () => {
    const log = memoryEventLog({ retain: 2 })
    const ids = await appendAll(log, 'feed', ['e1', 'e2', 'e3', 'e4'])
    const behind = follow(log, 'feed', ids[0])
    expect(behind.texts()).toEqual(['e3', 'e4'])
    // It had 1; the next it gets is 3: one is missing.
    expect(behind.seen.map((event) => Number(event.id.split('-')[1]))).toEqual([3, 4])
  })

  const writers = fileURLToPath(
    new URL('../../test-fixtures/event-log-writers.ts', import.meta.url),
  )

  /** Runs the writers fixture in a child with --expose-gc; resolves with the heap it measured. */
  async function heapUnderWriters(env: Record<string, string>) {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', '--conditions=@sluice/source', writers],
      {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    await once(child, 'exit')
    return JSON.parse(output) as { before: number; rounds: number[] }
  }

  // Unbounded, each round of 10,000 writers kept ~25 MB more, to ~2.5 GB at 100 rounds.
  test('keeps the heap flat under 10,000 writers', { timeout: 120_000 }, async () => {
    const maxBytes = 8 * 1024 * 1024
    const { before, rounds } = await heapUnderWriters({
      WRITERS: '10000',
      ROUNDS: '6',
      MAX_BYTES: String(maxBytes),
    })
    const MiB = 1024 * 1024
    for (const heap of rounds) expect(heap - before).toBeLessThan(maxBytes + 2 * MiB)
    // Full from the first round on: later rounds add nothing.
    expect(Math.max(...rounds.slice(1)) - (rounds[1] ?? 0)).toBeLessThan(MiB)
  })
})
