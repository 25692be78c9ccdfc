export { type RedisEventLog, type RedisEventLogOptions, redisEventLog } from './event-log'
export { type RedisRoomsBackend, redisRoomsBackend } from './rooms-backend'
export type { RedisLiveOptions, RedisLogger } from './while-away'
