import {
  type AnyDependency,
  depends,
  type Logger,
  type Mountable,
  route,
  router,
} from '@sluice/core'
import type { GraphQLError, GraphQLSchema } from 'graphql'
import { createYoga, type MaskError, maskError, type Plugin } from 'graphql-yoga'
import type { ServerContext } from './context'
import { toGraphQLError } from './errors'
import { type GraphQLLimits, limitPlugins } from './limits'

/** Options of {@link graphql}. */
export interface GraphQLOptions {
  /** The executable schema, e.g. a Pothos builder's `toSchema()`. */
  readonly schema: GraphQLSchema
  /** Where the endpoint is served, the full path (router prefixes included). Default `/graphql`. */
  readonly path?: string
  /** Serve GraphiQL to browsers that open the endpoint: for development only. Default `false`. */
  readonly graphiql?: boolean
  /** Bounds on depth, cost and aliases (see {@link GraphQLLimits}). */
  readonly limits?: GraphQLLimits
  /** Dependencies run for every request before the operation is read, as a route's `dependencies`. */
  readonly dependencies?: readonly AnyDependency[]
  /** More Yoga (envelop) plugins, after the limits. */
  readonly plugins?: readonly Plugin[]
  /** Where errors a resolver did not expect are reported (their message is masked for clients). Default `console`. */
  readonly logger?: Logger
}

/** Hands the endpoint the request's on-demand resolver (`context.resolve` of `@sluice/core`). */
const resolver = depends((_, { resolve }) => resolve, { name: 'graphqlContext' })

/**
 * Serves a GraphQL schema over HTTP beside the REST routes, with GraphQL Yoga:
 * queries and mutations by GET and POST (GraphQL over HTTP), subscriptions as
 * server-sent events, GraphiQL in development. Resolvers get
 * {@link GraphQLContext}, whose `use` resolves Sluice dependencies for the
 * request; the errors those raise become GraphQL errors with a code and status
 * ({@link toGraphQLError}). The app's body limit applies, and each operation is
 * held to the {@link GraphQLLimits} before it runs. Left out of the OpenAPI document.
 *
 * @example
 * ```ts
 * const builder = new SchemaBuilder<{ Context: GraphQLContext }>({})
 * builder.queryType({
 *   fields: (t) => ({
 *     me: t.string({ resolve: async (_, __, ctx) => (await ctx.use(currentUser)).name }),
 *   }),
 * })
 * const app = createApp({
 *   routes: [graphql({ schema: builder.toSchema(), graphiql: !production })],
 * })
 * ```
 */
export function graphql(options: GraphQLOptions): Mountable {
  const path = options.path ?? '/graphql'
  const logger = options.logger ?? console
  const yoga = createYoga<ServerContext>({
    schema: options.schema,
    graphqlEndpoint: path,
    graphiql: options.graphiql ?? false,
    landingPage: false,
    logging: false,
    // The runtime's Response, not Yoga's ponyfill: Sluice passes a Response through as is.
    fetchAPI: { Response },
    plugins: [...limitPlugins(options.limits), ...(options.plugins ?? [])],
    maskedErrors: { maskError: sluiceErrors(logger) },
  })
  const definition = {
    hidden: true,
    deps: { resolve: resolver },
    dependencies: options.dependencies ?? [],
  }
  const serve = async ({
    c,
    resolve,
    background,
  }: Omit<ServerContext, 'use'> & { resolve: ServerContext['use'] }) => {
    const answer = await yoga.fetch(c.req.raw, { c, use: resolve, background })
    // `@hono/node-server` swaps the global Response for its own once it serves: pass it one of those.
    return answer instanceof Response ? answer : new Response((answer as Response).body, answer)
  }
  return router({}, [
    route.get(path, definition, serve),
    route.post(path, { ...definition, rawBody: true }, serve),
  ])
}

/** Turns Sluice's errors into GraphQL errors, masks the rest as Yoga does, and reports those. */
function sluiceErrors(logger: Logger): MaskError {
  return (error, message, isDev) => {
    // By name: graphql's CommonJS and ESM builds may both be loaded, each with its own class.
    const located =
      error instanceof Error && error.name === 'GraphQLError' ? (error as GraphQLError) : undefined
    const mapped = toGraphQLError(located ? located.originalError : error, located)
    if (mapped) return mapped
    const masked = maskError(error, message, isDev)
    if (masked !== error) logger.error('Unexpected error in a GraphQL resolver', error)
    return masked
  }
}
