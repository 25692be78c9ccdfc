import {
  type AnyDependency,
  depends,
  type Logger,
  type Mountable,
  route,
  router,
} from '@sluice/core'
import type { GraphQLSchema } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import type { ServerContext } from './context'
import type { GraphQLLimits } from './limits'
import type { GraphQLServer } from './server'

/** Options of {@link graphql}. */
export interface GraphQLOptions {
  /**
   * The executable schema, e.g. a Pothos builder's `toSchema()`; or a function
   * that gives it, called on the first request, so that the schema's modules
   * (`import()` them in it) load then rather than at every start.
   */
  readonly schema: GraphQLSchema | (() => GraphQLSchema | Promise<GraphQLSchema>)
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
 * Yoga is imported, and its server built, on the endpoint's first request, so an
 * app's start-up does not pay for it; a `schema` function defers the schema too.
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
 * // Or with the schema's modules (Pothos, graphql-js) loaded on the first request:
 * graphql({ schema: async () => (await import('./schema')).schema })
 * ```
 */
export function graphql(options: GraphQLOptions): Mountable {
  const path = options.path ?? '/graphql'
  // GraphQL Yoga is loaded, and the server built, on the first request: not at every start.
  let server: Promise<GraphQLServer> | undefined
  const yoga = () => {
    if (!server) {
      server = import('./server').then(({ createServer }) => createServer(options, path))
      // A build that failed (a schema function that threw) is tried again by the next request.
      server.catch(() => {
        server = undefined
      })
    }
    return server
  }
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
    const answer = await (await yoga()).fetch(c.req.raw, { c, use: resolve, background })
    // `@hono/node-server` swaps the global Response for its own once it serves: pass it one of those.
    return answer instanceof Response ? answer : new Response((answer as Response).body, answer)
  }
  return router({}, [
    route.get(path, definition, serve),
    route.post(path, { ...definition, rawBody: true }, serve),
  ])
}
