/**
 * A mistake in how the command was called or what it was pointed at (no entry,
 * no exported app, a busy port): printed as its message alone, exit code 1.
 *
 * @example
 * ```ts
 * throw new UsageError('No such file: src/mian.ts')
 * ```
 */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/**
 * Ends the process for an error that stopped a command: a {@link UsageError}
 * as its message alone, anything else (the app's own failure) with its stack.
 *
 * @example
 * ```ts
 * main().catch(exitWithError)
 * ```
 */
export function exitWithError(error: unknown): never {
  console.error(error instanceof UsageError ? error.message : error)
  process.exit(1)
}
