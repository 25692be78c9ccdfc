import { Hono } from 'hono'

/**
 * The Hono instance an app is built on, on Node, Bun and Deno (what
 * `#hono-app` means there, by package.json's conditions): Hono's default,
 * whose `RegExpRouter` matches fastest once built. Workers get
 * `hono-app.ts`, a smaller bundle.
 */
export const honoApp = (): Hono => new Hono()
