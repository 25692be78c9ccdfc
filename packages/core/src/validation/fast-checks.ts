import type { AnySchema } from '../types'

/** What a fast check returns when it cannot vouch for a value: valibot then decides. */
export const UNPROVEN: unique symbol = Symbol('unproven')

/** A schema's fast check: the output valibot would give for a value it accepts, or {@link UNPROVEN}. */
export type FastCheck = (value: unknown) => unknown

let compile: ((schema: AnySchema) => FastCheck | undefined) | undefined

/**
 * The fast check for `schema`, once one is installed (`useCompiledChecks`, which
 * `@sluice/core/node` installs); otherwise `undefined`, and valibot validates alone.
 * Installed rather than imported, so a Workers bundle does not carry the compiler.
 */
export function fastCheck(schema: AnySchema): FastCheck | undefined {
  return compile?.(schema)
}

/** Makes {@link fastCheck} use `compiler` from now on. */
export function installFastChecks(compiler: (schema: AnySchema) => FastCheck | undefined): void {
  compile = compiler
}
