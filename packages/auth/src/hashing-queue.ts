import { HTTPException } from '@sluice/core'

/** Options of {@link HashingQueue}. */
export interface HashingQueueOptions {
  /**
   * Hashes computed at once; default the machine's logical CPUs
   * (`navigator.hardwareConcurrency`, or 2 where the runtime does not say, as on Node 20:
   * `@sluice/auth/node` sizes its queue with `os.availableParallelism()`).
   */
  readonly concurrency?: number
  /** Hashes allowed to wait for a free slot; default 4 per slot. One more is refused with a 503. */
  readonly maxWaiting?: number
}

/**
 * How urgent a hash is. `low` hashes wait behind every `normal` one, and a
 * `normal` hash that finds the line full takes the place of the newest `low` one,
 * which is refused with the 503 instead.
 */
export type HashingPriority = 'normal' | 'low'

/** Options of {@link HashingQueue.run}. */
export interface HashingRunOptions {
  /** Default `normal`. Give `low` to work a flood may be made of, e.g. logins of clients that failed recently. */
  readonly priority?: HashingPriority
}

interface Waiter {
  readonly start: () => void
  readonly refuse: (busy: HTTPException) => void
}

/** How long a hash takes before any has been measured: the order of scrypt or argon2id at OWASP's cost. */
const FIRST_ESTIMATE_MS = 500
/** Weight of the newest duration in the running mean, so the estimate follows the machine's load. */
const SMOOTHING = 0.2

/**
 * Bounds the password hashes computed at once. Memory-hard hashes cost memory
 * while they run — scrypt N=2^17 holds 128 MiB, argon2id m=64 MiB holds 64 MiB —
 * so a burst of logins or registrations would otherwise take the process's
 * memory and make every login wait behind the burst. With `concurrency` slots
 * the hashes hold at most `concurrency × (memory of one hash)`: on 4 CPUs,
 * 512 MiB for scrypt and 256 MiB for argon2id. A hash that finds
 * every slot busy waits in line; when `maxWaiting` are already waiting it is
 * refused at once with `503 {"detail":"Too many password checks in progress; retry later"}`
 * and a `Retry-After` that estimates when the line will have drained.
 *
 * A bound alone lets a flood of guesses, each within its rate limits, fill the line
 * and lock every other user out. So hashes have a priority: `low` ones (an app gives
 * it to logins of clients that failed recently) wait behind every `normal` one, and a
 * `normal` hash that finds the line full pushes the newest `low` one out (that one
 * gets the 503). A flood then delays and refuses itself, not the users who log in
 * without failing.
 *
 * {@link passwordHashing} runs every hash and verification through one queue
 * (a shared one unless given its own), whatever the algorithm.
 *
 * @example
 * ```ts
 * const queue = new HashingQueue({ concurrency: 2, maxWaiting: 16 })
 * const passwords = passwordHashing({ queue }, pbkdf2Hasher())
 * await passwords.hash('correct horse') // waits for a slot, or throws the 503
 * await passwords.verify(guess, hash, { priority: 'low' }) // after every normal one
 * ```
 */
export class HashingQueue {
  readonly concurrency: number
  readonly maxWaiting: number
  #running = 0
  /** Waiting hashes by priority, oldest first. */
  readonly #lanes: Record<HashingPriority, Waiter[]> = { normal: [], low: [] }
  #meanMs = FIRST_ESTIMATE_MS

  constructor(options: HashingQueueOptions = {}) {
    this.concurrency = options.concurrency ?? machineParallelism()
    this.maxWaiting = options.maxWaiting ?? 4 * this.concurrency
    if (!(Number.isInteger(this.concurrency) && this.concurrency >= 1)) {
      throw new RangeError('HashingQueue concurrency must be a positive integer')
    }
    if (!(Number.isInteger(this.maxWaiting) && this.maxWaiting >= 0)) {
      throw new RangeError('HashingQueue maxWaiting must be a non-negative integer')
    }
  }

  /** Hashes being computed now; never more than `concurrency`. */
  get running(): number {
    return this.#running
  }

  /** Hashes waiting for a slot; never more than `maxWaiting`. */
  get waiting(): number {
    return this.#lanes.normal.length + this.#lanes.low.length
  }

  /**
   * Runs `task` in a slot, after waiting for one if needed; throws the 503 when the
   * line is full (of `normal` hashes, for a `normal` one), or when a `normal` hash takes its place.
   */
  async run<T>(task: () => Promise<T>, options: HashingRunOptions = {}): Promise<T> {
    await this.#slot(options.priority ?? 'normal')
    const started = performance.now()
    try {
      return await task()
    } finally {
      this.#meanMs += SMOOTHING * (performance.now() - started - this.#meanMs)
      this.#release()
    }
  }

  #slot(priority: HashingPriority): Promise<void> | undefined {
    if (this.#running < this.concurrency) {
      this.#running++
      return undefined
    }
    if (this.waiting >= this.maxWaiting) {
      const pushedOut = priority === 'normal' ? this.#lanes.low.pop() : undefined
      if (!pushedOut) throw this.#busy()
      pushedOut.refuse(this.#busy())
    }
    // The slot passes straight from the finishing task to this one: #running stays counted.
    return new Promise((start, refuse) => this.#lanes[priority].push({ start, refuse }))
  }

  #release(): void {
    const next = this.#lanes.normal.shift() ?? this.#lanes.low.shift()
    if (next) next.start()
    else this.#running--
  }

  /** The 503 for a full line, with the seconds the waiting hashes need to drain. */
  #busy(): HTTPException {
    const drainMs = ((this.waiting + this.#running) * this.#meanMs) / this.concurrency
    return new HTTPException(503, 'Too many password checks in progress; retry later', {
      'Retry-After': String(Math.max(1, Math.ceil(drainMs / 1000))),
    })
  }
}

/** Logical CPUs where the runtime tells them (browsers, Deno, Bun, Workers, Node 21+). */
function machineParallelism(): number {
  return globalThis.navigator?.hardwareConcurrency || 2
}

/** The queue {@link passwordHashing} uses unless given its own: one per process, so every hasher shares the bound. */
export const sharedHashingQueue: HashingQueue = new HashingQueue()
