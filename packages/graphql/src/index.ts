export type { GraphQLContext } from './context'
export { errorCode, toGraphQLError } from './errors'
export { type GraphQLOptions, graphql } from './graphql'
export type { GraphQLLimits } from './limits'
export {
  type EventLogPubSub,
  eventLogPubSub,
  type SubscriptionOptions,
  subscription,
} from './subscriptions'
