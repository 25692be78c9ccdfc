/*
 * The todo API as a Cloudflare Worker in real workerd: built by wrangler the
 * way a deploy builds it (which also proves wrangler.toml valid), then run by
 * Miniflare with the bindings wrangler.toml declares and a D1 database
 * migrated like `wrangler d1 migrations apply` would.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Readable } from 'node:stream'
import { promisify } from 'node:util'
import { applyD1Migrations } from '@sluice/db/d1'
import { Miniflare } from 'miniflare'
import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from 'wrangler'
import { migrationFiles } from '../../packages/db/src/fixtures/migration-files'
import { APP_DIR, installedBinary, JWT_SECRET, relayLines } from '../server'
import type { TodoApiServer } from '../suite'

const WRANGLER_TOML = join(APP_DIR, 'wrangler.toml')

/**
 * Builds the Worker with `wrangler deploy --dry-run` (workspace packages read
 * from their sources), starts it in workerd on a free port with its D1
 * database migrated, and resolves with its URL. `stop()` disposes of workerd
 * and removes the build.
 *
 * @example
 * ```ts
 * const worker = await startWorker()
 * await fetch(`${worker.url}/health`)
 * await worker.stop()
 * ```
 */
export async function startWorker(): Promise<TodoApiServer> {
  const outDir = mkdtempSync(join(tmpdir(), 'todo-worker-'))
  let mf: Miniflare | undefined
  const stop = async () => {
    await mf?.dispose()
    rmSync(outDir, { recursive: true, force: true })
  }
  try {
    const script = await buildWorker(outDir)
    const config: D1Config = unstable_readConfig({ config: WRANGLER_TOML })
    // What `wrangler dev` would give Miniflare: compatibility date, vars, D1 binding, module rules.
    const { workerOptions } = unstable_getMiniflareWorkerOptions(WRANGLER_TOML)
    mf = new Miniflare({
      ...workerOptions,
      modules: true,
      scriptPath: script,
      // Module names are paths relative to this; the default (cwd) would need `..` to reach /tmp.
      modulesRoot: outDir,
      // The secret `wrangler secret put` would add.
      bindings: { ...workerOptions.bindings, JWT_SECRET },
      host: '127.0.0.1',
      port: 0,
      handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
        relayLines(stdout)
        relayLines(stderr)
      },
    })
    await applyD1Migrations(await mf.getD1Database('DB'), d1Migrations(config, 'DB'))
    return { url: (await mf.ready).origin, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/**
 * The part of wrangler's config read here: its own `Config` type lives in a
 * package wrangler bundles, so TypeScript sees `any`.
 */
interface D1Config {
  readonly d1_databases: readonly { readonly binding: string; readonly migrations_dir?: string }[]
}

/** The binding's migration files in name order, as `wrangler d1 migrations apply` reads them. */
function d1Migrations(config: D1Config, binding: string) {
  const dir = config.d1_databases.find((d1) => d1.binding === binding)?.migrations_dir
  if (!dir) throw new Error(`wrangler.toml gives the D1 binding ${binding} no migrations_dir`)
  return migrationFiles(join(dirname(WRANGLER_TOML), dir))
}

/**
 * Runs `wrangler deploy --dry-run --outdir` in the app's folder and returns the
 * bundle's path. WRANGLER_BUILD_CONDITIONS puts `@sluice/source` before
 * wrangler's own conditions (workerd, worker, browser), so workspace packages
 * resolve to their TypeScript sources as everywhere else in this repository.
 */
async function buildWorker(outDir: string): Promise<string> {
  const wrangler = installedBinary('wrangler', 'bin/wrangler.js')
  // wrangler leaves an empty .wrangler/tmp behind in the project; remove it if it is ours.
  const hidden = join(APP_DIR, '.wrangler')
  const hadHidden = existsSync(hidden)
  let output: { stdout: string; stderr: string }
  try {
    output = await promisify(execFile)(
      process.execPath,
      [wrangler, 'deploy', '--dry-run', '--outdir', outDir],
      {
        cwd: APP_DIR,
        env: {
          ...process.env,
          CI: 'true',
          WRANGLER_SEND_METRICS: 'false',
          WRANGLER_BUILD_CONDITIONS: '@sluice/source,workerd,worker,browser',
          NO_COLOR: '1',
        },
      },
    )
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string }
    throw new Error(`wrangler deploy --dry-run failed:\n${stdout ?? ''}\n${stderr ?? ''}`)
  } finally {
    if (!hadHidden) rmSync(hidden, { recursive: true, force: true })
  }
  // A deploy that warns (e.g. of a Node built-in it left unresolved) is not a clean deploy.
  if (/\[WARNING\]/.test(output.stdout + output.stderr)) {
    throw new Error(`wrangler deploy --dry-run warned:\n${output.stdout}\n${output.stderr}`)
  }
  const script = join(outDir, 'worker.js')
  // Without nodejs_compat a `node:` import cannot load in workerd; say so before Miniflare does.
  const nodeImport = /\b(?:from|import)\s*\(?\s*["']node:[\w/]+["']/.exec(
    readFileSync(script, 'utf8'),
  )
  if (nodeImport) throw new Error(`the Worker bundle imports Node: ${nodeImport[0]}`)
  return script
}
