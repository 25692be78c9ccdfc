import cluster, { type Worker } from 'node:cluster'
import { AggregatorRegistry, type Registry } from 'prom-client'

const REQUEST = 'sluice:metrics-request'
const ANSWER = 'sluice:metrics-answer'

/** How long a worker waits for the primary's answer before it answers the scrape with an error. */
const ANSWER_TIMEOUT_MS = 10_000

interface Request {
  readonly type: typeof REQUEST
  readonly id: number
}

interface Answer {
  readonly type: typeof ANSWER
  readonly id: number
  readonly text?: string
  readonly error?: string
}

/**
 * In the primary of a `node:cluster` (`WORKERS=N`): answers each worker's
 * scrape with every worker's series added up (prom-client's
 * `AggregatorRegistry`), so Prometheus sees one instance whichever worker the
 * port hands its scrape to. Counters and histograms are summed; the process
 * gauges are summed or averaged as prom-client declares for each. Returns the
 * function that stops answering.
 *
 * @example
 * ```ts
 * if (cluster.isPrimary) {
 *   aggregateWorkerMetrics()
 *   for (let i = 0; i < workers; i++) cluster.fork()
 * }
 * ```
 */
export function aggregateWorkerMetrics(): () => void {
  const aggregator = new AggregatorRegistry()
  const answer = (worker: Worker, message: unknown) => {
    if (!isMessage<Request>(message, REQUEST)) return
    const reply = (fields: Omit<Answer, 'type' | 'id'>) => {
      if (worker.isConnected()) worker.send({ type: ANSWER, id: message.id, ...fields })
    }
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (error: unknown) => reply({ error: String(error) }),
    )
  }
  cluster.on('message', answer)
  return () => {
    cluster.off('message', answer)
  }
}

/**
 * In a cluster worker: offers `registry` to the primary's aggregation, and
 * returns how to ask the primary for every worker's series. `undefined`
 * outside a cluster worker.
 */
export function workerScrape(registry: Registry): (() => Promise<string>) | undefined {
  if (!cluster.isWorker) return undefined
  // Its constructor makes this worker answer the primary's requests for its series.
  new AggregatorRegistry()
  AggregatorRegistry.setRegistries([registry])
  let next = 0
  return () => askPrimary(next++)
}

function askPrimary(id: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      done()
      reject(
        new Error('The cluster primary did not answer: does it call aggregateWorkerMetrics()?'),
      )
    }, ANSWER_TIMEOUT_MS)
    const listen = (message: unknown) => {
      if (!isMessage<Answer>(message, ANSWER) || message.id !== id) return
      done()
      if (message.text !== undefined) resolve(message.text)
      else reject(new Error(message.error))
    }
    const done = () => {
      clearTimeout(timer)
      process.off('message', listen)
    }
    process.on('message', listen)
    process.send?.({ type: REQUEST, id } satisfies Request)
  })
}

function isMessage<M extends { type: string }>(message: unknown, type: M['type']): message is M {
  return typeof message === 'object' && message !== null && (message as M).type === type
}
