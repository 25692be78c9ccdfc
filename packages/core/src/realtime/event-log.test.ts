import { describe, expect, test } from 'vitest'
import { type LoggedEvent, memoryEventLog } from './event-log'

/** Subscribes and collects the texts delivered. */
function follow(log: ReturnType<typeof memoryEventLog>, topic: string, after?: string) {
  const seen: LoggedEvent[] = []
  const stop = log.subscribe(topic, after, (event) => seen.push(event))
  return { seen, texts: () => seen.map((event) => event.text), stop }
}

describe('memoryEventLog', () => {
  test('delivers each append to the subscribers of its topic only, with increasing ids', async () => {
    const log = memoryEventLog()
    const ann = follow(log, 'ann')
    const ben = follow(log, 'ben')
    await log.append('ann', 'a1')
    await log.append('ben', 'b1')
    await log.append('ann', 'a2')
    expect(ann.seen).toEqual([
      { id: '1', text: 'a1' },
      { id: '3', text: 'a2' },
    ])
    expect(ben.texts()).toEqual(['b1'])
    ann.stop()
    await log.append('ann', 'a3')
    expect(ann.texts()).toEqual(['a1', 'a2'])
  })

  test('replays the retained events after a Last-Event-ID, then goes on live', async () => {
    const log = memoryEventLog({ retain: 3 })
    for (const text of ['e1', 'e2', 'e3', 'e4', 'e5']) await log.append('feed', text)
    expect(follow(log, 'feed', '3').texts()).toEqual(['e4', 'e5'])
    // Only the last 3 are kept: a client further behind gets what is left.
    const behind = follow(log, 'feed', '1')
    expect(behind.texts()).toEqual(['e3', 'e4', 'e5'])
    await log.append('feed', 'e6')
    expect(behind.texts()).toEqual(['e3', 'e4', 'e5', 'e6'])
  })

  test.each([
    ['an id it never issued', '99'],
    ['a malformed id', '2; DROP'],
    ['a huge id', '9'.repeat(400)],
    ['a negative id', '-1'],
  ])('ignores %s: nothing is replayed, new events still arrive', async (_, after) => {
    const log = memoryEventLog()
    await log.append('feed', 'old')
    const client = follow(log, 'feed', after)
    await log.append('feed', 'new')
    expect(client.texts()).toEqual(['new'])
  })

  test('forgets the least recently written topics nobody follows, past maxTopics', async () => {
    const log = memoryEventLog({ maxTopics: 2 })
    const followed = follow(log, 'followed')
    await log.append('followed', 'kept')
    await log.append('first', 'forgotten')
    await log.append('second', 'kept')
    expect(follow(log, 'first', '0').texts()).toEqual([])
    expect(follow(log, 'second', '0').texts()).toEqual(['kept'])
    expect(followed.texts()).toEqual(['kept'])
    expect(follow(log, 'followed', '0').texts()).toEqual(['kept'])
  })
})
