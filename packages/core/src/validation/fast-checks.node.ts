/**
 * `#fast-checks` on Node, Bun and Deno (see `fast-checks.ts`): each schema's check
 * compiled once into closures, valibot deciding whatever they cannot prove.
 */
export { compiledCheck as fastCheck } from './compiled-check'
