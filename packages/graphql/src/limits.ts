import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit'
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases'
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth'
import type { Plugin } from 'graphql-yoga'

/**
 * What one operation may ask for, checked when it is validated, before any
 * resolver runs: a query past one of them is refused with a
 * `GRAPHQL_VALIDATION_FAILED` error that names the limit.
 */
export interface GraphQLLimits {
  /** How deeply fields may nest. Default 10. */
  readonly depth?: number
  /** The cost of the operation, graphql-armor's count of objects and scalars weighted by depth. Default 5000. */
  readonly cost?: number
  /** How many aliases an operation may use: each alias runs its field again. Default 15. */
  readonly aliases?: number
}

/** GraphQL Armor's depth, cost and alias plugins, with {@link GraphQLLimits}' defaults. */
export function limitPlugins(limits: GraphQLLimits = {}): Plugin[] {
  return [
    maxDepthPlugin({ n: limits.depth ?? 10, flattenFragments: true }),
    costLimitPlugin({ maxCost: limits.cost ?? 5000 }),
    maxAliasesPlugin({ n: limits.aliases ?? 15 }),
  ] as Plugin[]
}
