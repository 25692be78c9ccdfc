import type { Logger } from '@sluice/core'
import type { GraphQLError } from 'graphql'
import { createYoga, type MaskError, maskError } from 'graphql-yoga'
import type { ServerContext } from './context'
import { toGraphQLError } from './errors'
import type { GraphQLOptions } from './graphql'
import { limitPlugins } from './limits'

/** The GraphQL Yoga server behind {@link graphql}'s endpoint. */
export type GraphQLServer = ReturnType<typeof createYoga<ServerContext>>

/**
 * Builds the Yoga server of {@link graphql}'s options, once, on the endpoint's
 * first request: this module (Yoga, graphql-armor) is imported only then.
 */
export async function createServer(options: GraphQLOptions, path: string): Promise<GraphQLServer> {
  const schema = typeof options.schema === 'function' ? await options.schema() : options.schema
  return createYoga<ServerContext>({
    schema,
    graphqlEndpoint: path,
    graphiql: options.graphiql ?? false,
    landingPage: false,
    logging: false,
    // The runtime's Response, not Yoga's ponyfill: Sluice passes a Response through as is.
    fetchAPI: { Response },
    plugins: [...limitPlugins(options.limits), ...(options.plugins ?? [])],
    maskedErrors: { maskError: sluiceErrors(options.logger ?? console) },
  })
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
