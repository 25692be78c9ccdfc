import type { Dependency } from '@sluice/core'
import type { YogaInitialContext } from 'graphql-yoga'
import type { Context } from 'hono'

/**
 * What every resolver receives as its context: the request's Hono context and
 * `use`, which resolves a Sluice dependency for this request when a resolver
 * asks for it — the same `currentUser`, scopes, database and rate limits as the
 * REST routes, each run at most once per request. A dependency that refuses
 * (401, 403, 429 …) rejects `use`, and the field answers with a GraphQL error
 * saying so (see `toGraphQLError`).
 *
 * @example
 * ```ts
 * const builder = new SchemaBuilder<{ Context: GraphQLContext }>({})
 * builder.queryField('me', (t) =>
 *   t.string({ resolve: async (_, __, ctx) => (await ctx.use(currentUser)).name }),
 * )
 * ```
 */
export interface GraphQLContext extends YogaInitialContext {
  /** The Hono context of the request the operation came in. */
  readonly c: Context
  /** Resolves a Sluice dependency for this request (see `RequestContext.resolve` in `@sluice/core`). */
  readonly use: <T>(dependency: Dependency<T>) => Promise<T>
  /** Runs `task` after the response has been sent, as a route's `background` does. */
  readonly background: (task: () => unknown) => void
}

/** What the endpoint hands Yoga per request; Yoga adds the rest of {@link GraphQLContext}. */
export type ServerContext = Pick<GraphQLContext, 'c' | 'use' | 'background'>
