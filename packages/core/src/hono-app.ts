import type { Hono } from 'hono'
import { HonoBase } from 'hono/hono-base'
import { TrieRouter } from 'hono/router/trie-router'

/**
 * The Hono instance an app is built on, where bundles should stay small
 * (Workers, a browser): Hono's `TrieRouter` alone, which the app bundles anyway
 * to answer 405, so neither `RegExpRouter` nor `SmartRouter` is bundled (1.5 KiB
 * gzipped). Its match cost grows with the path's depth, not the number of
 * routes, and it builds nothing on the first request, which suits an isolate's
 * cold start. `@sluice/core` imports this module as `#hono-app`; on Node, Bun and
 * Deno its package.json maps that name to `hono-app.node.ts`, Hono's default
 * `SmartRouter` (its `RegExpRouter` matches fastest once built).
 *
 * @example
 * ```ts
 * const app = honoApp() // a Hono instance routed by TrieRouter
 * ```
 */
export const honoApp = (): Hono => new HonoBase({ router: new TrieRouter() })
