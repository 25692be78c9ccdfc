/// <reference path="./rate-limiter-flexible.d.ts" />
/**
 * The rate-limiter-flexible classes this package uses, each from its own file:
 * the package's index also loads its cluster limiter, which requires
 * `node:cluster` and `node:crypto`, so importing the index would keep a limit
 * off Cloudflare Workers. These files require nothing from Node.
 */
export { default as RateLimiterMemory } from 'rate-limiter-flexible/lib/RateLimiterMemory.js'
export { default as RateLimiterPostgres } from 'rate-limiter-flexible/lib/RateLimiterPostgres.js'
export { default as RateLimiterRedis } from 'rate-limiter-flexible/lib/RateLimiterRedis.js'
export { default as RateLimiterRes } from 'rate-limiter-flexible/lib/RateLimiterRes.js'
