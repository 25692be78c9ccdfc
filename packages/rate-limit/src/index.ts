export { clientAddressOf, UNKNOWN_CLIENT } from './client-address'
export { type ClientKeyOptions, clientKey, clientKeyOf } from './client-key'
export type { LimitStatus } from './headers'
export {
  type RateLimitLogger,
  type RateLimitOptions,
  type RateLimitState,
  rateLimit,
  rateLimitedBy,
} from './rate-limit'
export {
  type LimiterOptions,
  memoryStore,
  type PostgresStoreOptions,
  postgresStore,
  type RateLimitStore,
  redisStore,
  type SharedStoreOptions,
} from './stores'
