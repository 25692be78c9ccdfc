export { type RedisEventLog, type RedisEventLogOptions, redisEventLog } from './event-log'
export type { RedisLiveOptions, RedisLogger } from './options'
export { type RedisRoomsBackend, redisRoomsBackend } from './rooms-backend'
