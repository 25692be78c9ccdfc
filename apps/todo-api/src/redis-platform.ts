/*
 * What the todo API's instances share through Redis, on Node: imported by
 * `node.ts` only when `REDIS_URL` is set, so a process without Redis never
 * loads ioredis.
 */
import { redisStore } from '@sluice/rate-limit'
import { type RedisLogger, redisEventLog, redisRoomsBackend, reportErrorsOnce } from '@sluice/redis'
import { Redis } from 'ioredis'
import { REPLAYED } from './live'
import type { Platform } from './platform'

/**
 * What the instances share through one Redis client. While Redis is away, rate
 * limits count in memory, live clients are told to reconnect and changes wait
 * (bounded) to be sent; each is logged once.
 */
export function redisPlatform(
  url: string,
  log: RedisLogger,
): Pick<Platform, 'rateLimitStore' | 'live'> {
  const redis = redisClient(url)
  const prefix = 'todo-api'
  redis.on('error', reportErrorsOnce(log, 'Redis'))
  return {
    rateLimitStore: redisStore(redis, { prefix }),
    live: {
      rooms: redisRoomsBackend(redis, { prefix, logger: log }),
      events: redisEventLog(redis, { prefix, retain: REPLAYED, logger: log }),
    },
  }
}

/**
 * A client that never holds a request long: a Redis that is connected but
 * stopped answering (a paused server, a network partition) fails each command
 * after half a second, and the rate limits count in memory meanwhile, instead
 * of every request waiting for it.
 */
function redisClient(url: string): Redis {
  return new Redis(url, { commandTimeout: 500, maxRetriesPerRequest: 1 })
}
