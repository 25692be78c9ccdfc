/** One event of an {@link EventLog}: its id, ordered within its topic, and its text. */
export interface LoggedEvent {
  readonly id: string
  readonly text: string
}

/**
 * Where the events of a server-sent events route are kept and fanned out, so a
 * client that reconnects with `Last-Event-ID` misses nothing. The default,
 * {@link memoryEventLog}, serves the streams of this process; an app on several
 * instances uses a shared one (`redisEventLog` from `@sluice/redis` keeps each
 * topic in a Redis Stream), and a client may then reconnect to any instance.
 *
 * @example
 * ```ts
 * const log = memoryEventLog()
 * sseRoute('/events', { events: { note: Note } }, async ({ stream, lastEventId }) => {
 *   // Ends when the client goes, or when the log cannot promise every event (it reconnects).
 *   let stop = () => {}
 *   const interrupted = new Promise<void>((resolve) => {
 *     stop = log.subscribe('notes', lastEventId, (event) => {
 *       void stream.send('note', JSON.parse(event.text), { id: event.id })
 *     }, resolve)
 *   })
 *   await Promise.race([stream.closed, interrupted])
 *   stop()
 * })
 * await log.append('notes', JSON.stringify({ text: 'hello' }))
 * ```
 */
export interface EventLog {
  /**
   * Appends `text` to `topic` and delivers it to the topic's subscribers on
   * every instance. Resolves once the log has taken it (a shared log that is
   * away may hold it until it is back).
   */
  append(topic: string, text: string): Promise<void>
  /**
   * Calls `deliver` with each event appended to `topic` from now on. Given
   * `after` (a client's `Last-Event-ID`), it first delivers the retained events
   * after it, then the new ones, none twice and none skipped between the two;
   * an id the log did not issue is ignored. When the log can no longer promise
   * that (its connection dropped), it calls `interrupted` once and the
   * subscription has ended: end the stream, and the client reconnects with its
   * `Last-Event-ID`. A stream that ignored it would wait for events that never
   * come. Returns the function that unsubscribes.
   */
  subscribe(
    topic: string,
    after: string | undefined,
    deliver: (event: LoggedEvent) => void,
    interrupted: () => void,
  ): () => void
}

/** Options of {@link memoryEventLog}. */
export interface MemoryEventLogOptions {
  /** How many of each topic's latest events are kept for replay. Default 100. */
  readonly retain?: number
  /** How many topics keep events; the least recently written lose theirs first. Default 10 000. */
  readonly maxTopics?: number
  /**
   * How many bytes the kept events may take with their topics, counted as two
   * per character of their texts, ids and topic names plus a fixed overhead for
   * each event and topic (at least what they take on the heap). Past it the
   * oldest events of the least recently written topics are dropped. Default 64 MiB.
   */
  readonly maxBytes?: number
  /** How long (ms) an event is kept for replay. Default one hour. */
  readonly maxAge?: number
}

/** What an event takes on the heap besides its text and id: the object, its slot, the id's header. */
const EVENT_BYTES = 80
/** What a topic with events takes besides its name: its record, array, set and map entries. */
const TOPIC_BYTES = 320

interface KeptEvent extends LoggedEvent {
  /** The second part of its id. */
  readonly sequence: number
  /** When it was appended (epoch ms). */
  readonly at: number
  /** What it counts towards `maxBytes`. */
  readonly bytes: number
}

interface Topic {
  readonly name: string
  /** When the log began keeping this topic (epoch ms): the first part of its ids. */
  readonly start: number
  /** The sequence number of its last event: the second part of its last id. */
  last: number
  /** Its kept events, oldest first. */
  readonly events: KeptEvent[]
  readonly subscribers: Set<(event: LoggedEvent) => void>
}

/**
 * An {@link EventLog} in this process's memory: a topic's ids are `<start>-1`,
 * `<start>-2`, … in the order of its appends, where `<start>` is when the log
 * began keeping the topic, so an id tells nothing of other topics. Delivery
 * is synchronous.
 *
 * What it keeps is bounded four ways: the last `retain` events of a topic, of
 * at most `maxTopics` topics, none older than `maxAge`, all within `maxBytes`
 * (the oldest events of the least recently written topics go first). A
 * client resuming after events it missed were dropped is sent those still
 * kept; it can tell that some are missing, as the number after its id's is
 * not one more. A topic whose events are all dropped, and that nobody
 * follows, is forgotten, and so is everything at a restart: a client that
 * resumes with an id from before is sent every event kept since, numbered
 * from a later start.
 *
 * @example
 * ```ts
 * const log = memoryEventLog({ retain: 50, maxBytes: 16 * 1024 * 1024, maxAge: 10 * 60_000 })
 * ```
 */
export function memoryEventLog(options: MemoryEventLogOptions = {}): EventLog {
  const retain = options.retain ?? 100
  const maxTopics = options.maxTopics ?? 10_000
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024
  const maxAge = options.maxAge ?? 60 * 60 * 1000
  /** Every topic with events kept or subscribers. */
  const topics = new Map<string, Topic>()
  /** The topics with events kept, least recently written first. */
  const written = new Map<string, Topic>()
  /** What the kept events and their topics count, against `maxBytes`. */
  let bytes = 0
  /**
   * The latest start of a topic forgotten: a topic kept again starts after it,
   * so its ids sort after those it had before, even within one millisecond.
   */
  let forgotten = 0

  const topicOf = (name: string): Topic => {
    const known = topics.get(name)
    if (known) return known
    const start = Math.max(Date.now(), forgotten + 1)
    const topic: Topic = { name, start, last: 0, events: [], subscribers: new Set() }
    topics.set(name, topic)
    return topic
  }

  /** Forgets a topic with no events and no subscribers. */
  const forgetIfIdle = (topic: Topic) => {
    if (topic.events.length > 0 || topic.subscribers.size > 0) return
    if (topics.get(topic.name) !== topic) return
    topics.delete(topic.name)
    forgotten = Math.max(forgotten, topic.start)
  }

  /** Drops the oldest `count` events of a topic. */
  const drop = (topic: Topic, count: number) => {
    if (count <= 0) return
    for (const event of topic.events.splice(0, count)) bytes -= event.bytes
    if (topic.events.length > 0) return
    written.delete(topic.name)
    bytes -= TOPIC_BYTES + 2 * topic.name.length
    forgetIfIdle(topic)
  }

  /** How many of a topic's oldest events were appended at `cutoff` or before. */
  const expired = (topic: Topic, cutoff: number) => {
    let count = 0
    while (count < topic.events.length && (topic.events[count] as KeptEvent).at <= cutoff) count++
    return count
  }

  /**
   * Drops events, least recently written topics first, until the log is within
   * `maxTopics` and `maxBytes` and its least recently written topic has an
   * event younger than `maxAge`. Each event is dropped once, so appends pay for this.
   */
  const trim = (now: number) => {
    for (const topic of written.values()) {
      const newest = topic.events[topic.events.length - 1] as KeptEvent
      if (written.size > maxTopics || newest.at <= now - maxAge) {
        drop(topic, topic.events.length)
        continue
      }
      if (bytes <= maxBytes) return
      let count = 0
      for (let freed = 0; count < topic.events.length && bytes - freed > maxBytes; count++) {
        freed += (topic.events[count] as KeptEvent).bytes
      }
      drop(topic, count)
    }
  }

  /**
   * Where a client resuming `topic` is: after the event `after` names if it is
   * one of the topic's, before everything if it is from before the log began
   * keeping the topic (`0`), nowhere (`undefined`) if it is not an id of ours.
   */
  const resumePoint = (topic: Topic, after: string | undefined): number | undefined => {
    const match = after === undefined ? null : /^(\d{1,15})-(\d{1,15})$/.exec(after)
    if (!match) return undefined
    const start = Number(match[1])
    if (start !== topic.start) return start < topic.start ? 0 : undefined
    const sequence = Number(match[2])
    return sequence <= topic.last ? sequence : undefined
  }

  return {
    async append(name, text) {
      const now = Date.now()
      const topic = topicOf(name)
      const sequence = ++topic.last
      const id = `${topic.start}-${sequence}`
      const event = {
        id,
        text,
        sequence,
        at: now,
        bytes: EVENT_BYTES + 2 * (id.length + text.length),
      }
      if (topic.events.length === 0) bytes += TOPIC_BYTES + 2 * name.length
      topic.events.push(event)
      bytes += event.bytes
      // Re-inserted, so the map's order is the order topics were last written.
      written.delete(name)
      written.set(name, topic)
      drop(topic, Math.max(topic.events.length - retain, expired(topic, now - maxAge)))
      trim(now)
      for (const deliver of topic.subscribers) deliver(event)
    },
    subscribe(name, after, deliver) {
      const now = Date.now()
      trim(now)
      const topic = topicOf(name)
      // Subscribed first, so dropping its expired events cannot forget the topic.
      topic.subscribers.add(deliver)
      drop(topic, expired(topic, now - maxAge))
      const resumeAfter = resumePoint(topic, after)
      if (resumeAfter !== undefined) {
        for (const event of topic.events) if (event.sequence > resumeAfter) deliver(event)
      }
      return () => {
        topic.subscribers.delete(deliver)
        forgetIfIdle(topic)
      }
    },
  }
}
