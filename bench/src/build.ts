/**
 * Bundles each Node contender into one file with esbuild, so every server
 * starts from a single plain `.mjs` (fair cold starts, no TypeScript loader at
 * run time). Sluice is bundled from its sources through the `@sluice/source` condition.
 */
import { cpSync, readdirSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { type BuildOptions, build } from 'esbuild'
import { BENCH_DIR, DIST_DIR } from './paths'

/** CommonJS dependencies (Fastify) call `require` for Node built-ins. */
const REQUIRE_SHIM =
  "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);"

/** Files in `src/servers` that are helpers, not servers. */
const HELPERS = new Set([
  'hand-validation.ts',
  'hono-app.ts',
  'port.ts',
  'sluice-app.ts',
  'valibot-schemas.ts',
])

const NODE_BUNDLE: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['@sluice/source'],
  banner: { js: REQUIRE_SHIM },
  // Database drivers load from node_modules at run time: a native addon, and the
  // drivers the todo app imports only for their URLs.
  external: ['better-sqlite3', '@libsql/client', 'pg'],
  logLevel: 'warning',
}

/** Why a server could not be bundled, by server id. */
export const buildErrors = new Map<string, string>()

/**
 * Bundles every server on its own, after removing old bundles, so one that
 * fails to build is reported (and never measured from a stale file) while
 * the others still run.
 */
export async function buildServers(): Promise<void> {
  const dir = `${BENCH_DIR}src/servers/`
  rmSync(DIST_DIR, { recursive: true, force: true })
  const files = readdirSync(dir).filter((file) => file.endsWith('.ts') && !HELPERS.has(file))
  await Promise.all(
    files.map(async (file) => {
      const id = file.slice(0, -'.ts'.length)
      try {
        await build({
          ...NODE_BUNDLE,
          entryPoints: [`${dir}${file}`],
          outfile: `${DIST_DIR}${id}.mjs`,
        })
      } catch (error) {
        buildErrors.set(id, (error as Error).message.split('\n').slice(0, 3).join(' '))
      }
    }),
  )
}

/** Where the todo app's bundle goes; its migrations are copied to `../../drizzle` from it, where the app looks. */
export const TODO_APP_BUNDLE = `${BENCH_DIR}.tmp/todo-app/src/main.mjs`

let todoAppBuilt: Promise<void> | undefined

/**
 * Bundles apps/todo-api like the servers above, so its start-up is comparable; once per run.
 * Split at its dynamic imports, which stay dynamic: the app imports each database
 * driver only when its URL is used, and one file would hoist every driver's
 * imports (node-postgres, libSQL) to the top, loading them at every start.
 */
export function buildTodoApp(appDir: string): Promise<void> {
  todoAppBuilt ??= (async () => {
    // Chunks are named by content: old ones would stay beside the new.
    rmSync(dirname(TODO_APP_BUNDLE), { recursive: true, force: true })
    await build({
      ...NODE_BUNDLE,
      entryPoints: [`${appDir}src/main.ts`],
      outdir: dirname(TODO_APP_BUNDLE),
      outExtension: { '.js': '.mjs' },
      splitting: true,
    })
    cpSync(`${appDir}drizzle`, `${BENCH_DIR}.tmp/drizzle`, { recursive: true })
  })()
  return todoAppBuilt
}
