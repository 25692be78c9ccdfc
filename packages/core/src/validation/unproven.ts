/** What a fast check returns when it cannot vouch for a value: valibot then decides. */
export const UNPROVEN: unique symbol = Symbol('unproven')

/**
 * A schema's fast check (`#fast-checks`): the output valibot would give for a
 * value it accepts, or {@link UNPROVEN}.
 */
export type FastCheck = (value: unknown) => unknown
