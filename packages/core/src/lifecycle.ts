import { type Cleanup, provide, runCleanups } from './cleanup'
import type { AnyDependency } from './depends'
import type { Logger } from './exception-handlers'

/**
 * Setup and teardown around the app's life: code before `yield` runs before the
 * first request, code after it on shutdown.
 */
export type Lifespan = () =>
  | AsyncGenerator<unknown, unknown, undefined>
  | Generator<unknown, unknown, undefined>

/**
 * What lives as long as the app: the lifespan, app-scoped dependency values,
 * and the work still running after responses (cleanups, background tasks), which
 * shutdown waits for.
 */
export class AppLifecycle {
  readonly #lifespan: Lifespan | undefined
  readonly #logger: Logger
  readonly #values = new Map<AnyDependency, unknown>()
  readonly #pending = new Set<Promise<unknown>>()
  #cleanups: Cleanup[] = []
  #startup: Promise<void> | undefined
  #lifespanCleanup: Cleanup[] = []
  /** True once startup has finished; checked on every request instead of awaiting. */
  ready = false

  constructor(lifespan: Lifespan | undefined, logger: Logger) {
    this.#lifespan = lifespan
    this.#logger = logger
  }

  /** Runs the lifespan's setup once; every caller awaits the same run, and a failed run is retried by the next. */
  startup(): Promise<void> {
    this.#startup ??= (async () => {
      if (this.#lifespan) await provide(this.#lifespan(), 'lifespan', this.#lifespanCleanup)
      this.ready = true
    })().catch((error) => {
      this.#startup = undefined
      throw error
    })
    return this.#startup
  }

  /**
   * The app-scoped value of a dependency, created on first use by `create`.
   * Concurrent first uses share one creation; a failed creation is retried by
   * the next request.
   */
  appValue(dependency: AnyDependency, create: (cleanups: Cleanup[]) => unknown): unknown {
    if (this.#values.has(dependency)) return this.#values.get(dependency)
    const creating = Promise.resolve(create(this.#cleanups)).then(
      (value) => {
        this.#values.set(dependency, value)
        return value
      },
      (error) => {
        this.#values.delete(dependency)
        throw error
      },
    )
    this.#values.set(dependency, creating)
    return creating
  }

  /** Keeps track of after-response work so shutdown can wait for it. */
  track(work: Promise<unknown>): void {
    this.#pending.add(work)
    work.finally(() => this.#pending.delete(work))
  }

  /**
   * Waits for after-response work, disposes of app-scoped values in reverse
   * order of creation, then runs the lifespan's teardown.
   */
  async shutdown(): Promise<void> {
    await Promise.allSettled([...this.#pending])
    const report = (error: unknown) => this.#logger.error('Error during shutdown', error)
    await runCleanups(this.#cleanups, report)
    this.#values.clear()
    await runCleanups(this.#lifespanCleanup, report)
    this.#startup = undefined
    this.ready = false
  }
}
