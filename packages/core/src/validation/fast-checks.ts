import type { AnySchema } from '../types'
import type { FastCheck } from './unproven'

/**
 * The fast check of a schema, on a runtime whose bundles should stay small
 * (Workers, a browser): none, so valibot validates alone and the compiler is not
 * bundled. `@sluice/core` imports this module as `#fast-checks`; on Node, Bun and
 * Deno its package.json maps that name to `fast-checks.node.ts`, which compiles
 * each schema's check once (see `compiled-check.ts`).
 *
 * @example
 * ```ts
 * fastCheck(v.string()) // undefined: validate with valibot
 * ```
 */
export function fastCheck(_schema: AnySchema): FastCheck | undefined {
  return undefined
}
