import { graphql } from '@sluice/graphql'
import type { TodoSchemaDeps } from './graphql-schema'
import type { Logger } from './logging'

interface GraphQLDeps extends TodoSchemaDeps {
  /** GraphiQL at /graphql, for development. */
  readonly graphiql: boolean
  readonly log: Logger
}

/**
 * `/graphql`: the todo API as GraphQL (see `todoSchema`). The schema's modules
 * (Pothos, graphql-js) and GraphQL Yoga load on the first GraphQL request, so
 * that every start of the REST API does not pay for them.
 */
export function graphqlRoutes({ graphiql, log, ...deps }: GraphQLDeps) {
  return graphql({
    schema: async () => (await import('./graphql-schema')).todoSchema(deps),
    graphiql,
    logger: log,
  })
}
