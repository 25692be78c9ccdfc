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
 * route.sse('/events', { events: { note: Note } }, async ({ stream, lastEventId }) => {
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
  /** How many topics keep their events; the least recently written is forgotten first. Default 10 000. */
  readonly maxTopics?: number
}

interface Topic {
  /** When the log began keeping this topic (epoch ms): the first part of its ids. */
  readonly start: number
  /** The sequence number of its last event: the second part of its last id. */
  last: number
  readonly events: LoggedEvent[]
  readonly subscribers: Set<(event: LoggedEvent) => void>
}

/**
 * An {@link EventLog} in this process's memory: a topic's ids are `<start>-1`,
 * `<start>-2`, … in the order of its appends, where `<start>` is when the log
 * began keeping the topic, so an id tells nothing of other topics. Delivery
 * is synchronous. A restart forgets everything, and so does forgetting a
 * topic: a client that resumes with an id from before is sent every event of
 * the topic retained since.
 *
 * @example
 * ```ts
 * const log = memoryEventLog({ retain: 50 })
 * ```
 */
export function memoryEventLog(options: MemoryEventLogOptions = {}): EventLog {
  const retain = options.retain ?? 100
  const maxTopics = options.maxTopics ?? 10_000
  const topics = new Map<string, Topic>()
  /**
   * The latest start of a topic forgotten: a topic kept again starts after it,
   * so its ids sort after those it had before, even within one millisecond.
   */
  let forgotten = 0

  const topicOf = (name: string): Topic => {
    const topic = topics.get(name) ?? {
      start: Math.max(Date.now(), forgotten + 1),
      last: 0,
      events: [],
      subscribers: new Set(),
    }
    topics.set(name, topic)
    return topic
  }

  const forget = (name: string, topic: Topic) => {
    topics.delete(name)
    forgotten = Math.max(forgotten, topic.start)
  }

  /** Forgets the events of the least recently written topics nobody follows, past `maxTopics`. */
  const forgetOldTopics = () => {
    for (const [name, topic] of topics) {
      if (topics.size <= maxTopics) return
      if (topic.subscribers.size === 0) forget(name, topic)
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
  const sequenceOf = (event: LoggedEvent) => Number(event.id.slice(event.id.indexOf('-') + 1))

  return {
    async append(name, text) {
      const topic = topicOf(name)
      // Re-inserted, so the map's order is the order topics were last written.
      topics.delete(name)
      topics.set(name, topic)
      const event = { id: `${topic.start}-${++topic.last}`, text }
      topic.events.push(event)
      if (topic.events.length > retain) topic.events.splice(0, topic.events.length - retain)
      forgetOldTopics()
      for (const deliver of topic.subscribers) deliver(event)
    },
    subscribe(name, after, deliver) {
      const topic = topicOf(name)
      const resumeAfter = resumePoint(topic, after)
      if (resumeAfter !== undefined) {
        for (const event of topic.events) if (sequenceOf(event) > resumeAfter) deliver(event)
      }
      topic.subscribers.add(deliver)
      return () => {
        topic.subscribers.delete(deliver)
        if (topic.subscribers.size === 0 && topic.events.length === 0) forget(name, topic)
      }
    },
  }
}
