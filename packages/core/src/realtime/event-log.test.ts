import { describe, expect, test } from 'vitest'
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

  test('forgets the least recently written topics nobody follows, past maxTopics', async () => {
    const log = memoryEventLog({ maxTopics: 2 })
    const followed = follow(log, 'followed')
    await log.append('followed', 'kept')
    await log.append('first', 'forgotten')
    await log.append('second', 'kept')
    const [start] = followed.seen[0]?.id.split('-') ?? []
    expect(follow(log, 'first', `${start}-0`).texts()).toEqual([])
    expect(follow(log, 'second', `${start}-0`).texts()).toEqual(['kept'])
    expect(followed.texts()).toEqual(['kept'])
    expect(follow(log, 'followed', `${start}-0`).texts()).toEqual(['kept'])
  })
})
