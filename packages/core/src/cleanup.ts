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
    try {
      await generator.throw(failure.error)
    } catch (error) {
      // The generator re-raising the request's own error is the expected way to let it pass.
      if (error !== failure.error) throw error
    }
  })
  return first.value
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
 * Runs cleanups in reverse order of creation, each even if an earlier one failed,
 * reporting every failure to `report`.
 */
export async function runCleanups(
  cleanups: Cleanup[],
  failure: { error: unknown } | undefined,
  report: (error: unknown) => void,
): Promise<void> {
  for (let i = cleanups.length - 1; i >= 0; i--) {
    try {
      await (cleanups[i] as Cleanup)(failure)
    } catch (error) {
      report(error)
    }
  }
  cleanups.length = 0
}
