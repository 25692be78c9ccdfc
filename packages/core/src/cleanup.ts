import { isThenable } from './thenable'

/** Undoes one dependency after the response; receives the error if the request failed. */
export type Cleanup = (failure: { error: unknown } | undefined) => unknown

const asyncDispose: symbol = Symbol.asyncDispose ?? Symbol.for('Symbol.asyncDispose')
const dispose: symbol = Symbol.dispose ?? Symbol.for('Symbol.dispose')

type Stepper = Generator<unknown, unknown, undefined> | AsyncGenerator<unknown, unknown, undefined>

function isGenerator(value: unknown): value is Stepper {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Stepper).next === 'function' &&
    typeof (value as Stepper).throw === 'function' &&
    (Symbol.iterator in value || Symbol.asyncIterator in value)
  )
}

/**
 * Takes what a factory returned and gives back its value, registering how to
 * clean it up: a generator is run to its `yield` and finished later; a value with
 * `Symbol.asyncDispose` or `Symbol.dispose` is disposed of later. Plain values
 * skip the extra await, which keeps synchronous dependencies cheap.
 */
export function provide(result: unknown, name: string, cleanups: Cleanup[]): unknown {
  if (isGenerator(result)) return startGenerator(result, name, cleanups)
  if (isThenable(result))
    return Promise.resolve(result).then((value) => registerDisposable(value, cleanups))
  return registerDisposable(result, cleanups)
}

async function startGenerator(generator: Stepper, name: string, cleanups: Cleanup[]) {
  const first = await generator.next()
  if (first.done)
    throw new Error(`Dependency "${name}" is a generator that returned without yielding a value`)
  cleanups.push(async (failure) => {
    if (!failure) return void (await generator.next())
    await generator.throw(failure.error)
    // It neither raised the error again nor raised another: there is no answer to give.
    throw new SwallowedError(name, failure.error)
  })
  return first.value
}

/**
 * A dependency with `yield` caught the request's error and finished without raising
 * it again or raising another, so nothing says how to answer: a 500, logged with
 * the swallowed error as its cause (FastAPI answers the same way).
 */
export class SwallowedError extends Error {
  constructor(dependency: string, cause: unknown) {
    super(
      `Dependency "${dependency}" caught the request's error and neither raised it again nor raised another`,
      { cause },
    )
    this.name = 'SwallowedError'
  }
}

function registerDisposable(value: unknown, cleanups: Cleanup[]): unknown {
  if (typeof value === 'object' && value !== null) {
    const disposer =
      (value as Record<symbol, unknown>)[asyncDispose] ??
      (value as Record<symbol, unknown>)[dispose]
    if (typeof disposer === 'function') cleanups.push(() => disposer.call(value))
  }
  return value
}

/**
 * Runs cleanups after the response, in reverse order of creation, each even if an
 * earlier one failed, reporting every failure to `report`.
 */
export async function runCleanups(
  cleanups: Cleanup[],
  report: (error: unknown) => void,
): Promise<void> {
  for (let i = cleanups.length - 1; i >= 0; i--) {
    try {
      await (cleanups[i] as Cleanup)(undefined)
    } catch (error) {
      report(error)
    }
  }
  cleanups.length = 0
}

/**
 * Passes a request's error through its cleanups, innermost first, before it
 * becomes a response: each sees the error the one inside it left, so a
 * dependency can catch the error and raise another (an `HTTPException`), which
 * then travels on. Without an error (function-scoped cleanups after a handler
 * answered), the first cleanup to fail starts one. Resolves to the error left.
 */
export async function unwind(
  cleanups: Cleanup[],
  failure: { error: unknown } | undefined,
): Promise<{ error: unknown } | undefined> {
  for (let i = cleanups.length - 1; i >= 0; i--) {
    try {
      await (cleanups[i] as Cleanup)(failure)
    } catch (error) {
      failure = { error }
    }
  }
  cleanups.length = 0
  return failure
}
