export { type RedisCacheOptions, redisCache } from './cache-store'
export { type RedisEventLog, type RedisEventLogOptions, redisEventLog } from './event-log'
export { type RedisLiveOptions, type RedisLogger, reportErrorsOnce } from './options'
export { type RedisRoomsBackend, redisRoomsBackend } from './rooms-backend'
