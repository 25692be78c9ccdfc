/*
 * The todo API as a Cloudflare Worker in real workerd, set up with the
 * commands a user runs: built by the app's `workers:deploy` script (as a dry
 * run, which also proves wrangler.toml valid), its D1 database migrated by the
 * app's `workers:migrate` script (locally), then run by Miniflare with the
 * bindings wrangler.toml declares and that database.
 */
import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { promisify } from 'node:util'
import { Miniflare } from 'miniflare'
import { unstable_getMiniflareWorkerOptions } from 'wrangler'
import { APP_DIR, installedBinary, JWT_SECRET, relayLines } from '../server'
import type { TodoApiServer } from '../suite'

const WRANGLER_TOML = join(APP_DIR, 'wrangler.toml')

/**
 * Builds the Worker as `pnpm workers:deploy --dry-run` would, migrates its D1
 * database as `pnpm workers:migrate --local` would, starts it in workerd on a
 * free port over that database, and resolves with its URL. `stop()` disposes
 * of workerd and removes the build and the database.
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
  const state = join(outDir, 'state')
  let mf: Miniflare | undefined
  const stop = async () => {
    await mf?.dispose()
    rmSync(outDir, { recursive: true, force: true })
  }
  try {
    const script = await buildWorker(outDir)
    await runScript('workers:migrate', ['--local', '--persist-to', state])
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
      // Where `--persist-to` put the local D1 database the migrations went into.
      d1Persist: join(state, 'v3', 'd1'),
      host: '127.0.0.1',
      port: 0,
      handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
        relayLines(stdout)
        relayLines(stderr)
      },
    })
    return { url: (await mf.ready).origin, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/** The app's package scripts, which the docs tell users to run. */
const SCRIPTS: Readonly<Record<string, string>> = JSON.parse(
  readFileSync(join(APP_DIR, 'package.json'), 'utf8'),
).scripts

/**
 * The command and environment of the app's wrangler script `name` with `extra`
 * arguments, as `pnpm <name> <extra>` runs it: its leading `VAR=value`
 * assignments become the environment.
 */
function wranglerScript(name: string, extra: readonly string[]) {
  const command = /^((?:[A-Z_]+=\S+\s+)*)wrangler\s+(.+)$/.exec(SCRIPTS[name] ?? '')
  if (!command) throw new Error(`todo-api has no \`${name}\` script running wrangler`)
  const assignments = command[1]!.trim().split(/\s+/).filter(Boolean)
  const env = Object.fromEntries(
    assignments.map((pair) => {
      const at = pair.indexOf('=')
      return [pair.slice(0, at), pair.slice(at + 1)]
    }),
  )
  const wrangler = installedBinary('wrangler', 'bin/wrangler.js')
  return {
    args: [wrangler, ...command[2]!.split(/\s+/), ...extra],
    options: {
      cwd: APP_DIR,
      env: { ...process.env, ...env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    },
  }
}

/**
 * Runs the app's wrangler script `name` with `extra` arguments, as `pnpm <name>
 * <extra>` does. Resolves with wrangler's output; a failure carries it.
 */
export async function runScript(
  name: string,
  extra: readonly string[],
): Promise<{ stdout: string; stderr: string }> {
  const { args, options } = wranglerScript(name, extra)
  // wrangler leaves a .wrangler folder behind in the project; remove it if it is ours.
  const hidden = join(APP_DIR, '.wrangler')
  const hadHidden = existsSync(hidden)
  try {
    return await promisify(execFile)(process.execPath, args, options)
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string }
    throw new Error(`pnpm ${name} ${extra.join(' ')} failed:\n${stdout ?? ''}\n${stderr ?? ''}`)
  } finally {
    if (!hadHidden) rmSync(hidden, { recursive: true, force: true })
  }
}

/**
 * Starts the app's wrangler script `name` (`workers:dev`) with `extra`
 * arguments and resolves with the URL of its "Ready on …" line. `stop()` ends
 * wrangler and the workerd it started (its own process group).
 */
export function startScript(
  name: string,
  extra: readonly string[],
): Promise<{ url: string; output: string[]; stop(): Promise<void> }> {
  const { args, options } = wranglerScript(name, extra)
  const hidden = join(APP_DIR, '.wrangler')
  const hadHidden = existsSync(hidden)
  const child = spawn(process.execPath, args, { ...options, detached: true })
  const output: string[] = []
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      process.kill(-child.pid, 'SIGTERM')
      await exited
    }
    if (!hadHidden) rmSync(hidden, { recursive: true, force: true })
  }
  return new Promise((resolve, reject) => {
    const onLine = (line: string) => {
      output.push(line)
      const ready = /Ready on (http:\/\/\S+)/.exec(line)
      if (ready) resolve({ url: ready[1]!, output, stop })
    }
    // Kept, not relayed: offline, wrangler warns on every start that it cannot fetch `Request.cf`.
    createInterface({ input: child.stdout }).on('line', onLine)
    createInterface({ input: child.stderr }).on('line', onLine)
    child.once('exit', (code) =>
      reject(new Error(`pnpm ${name} exited with ${code} before ready:\n${output.join('\n')}`)),
    )
  })
}

/**
 * Runs `pnpm workers:deploy --dry-run --outdir` and returns the bundle's path.
 * The script's WRANGLER_BUILD_CONDITIONS puts `@sluice/source` before
 * wrangler's own conditions (workerd, worker, browser), so workspace packages
 * resolve to their TypeScript sources, with no build step first.
 */
async function buildWorker(outDir: string): Promise<string> {
  const output = await runScript('workers:deploy', ['--dry-run', '--outdir', outDir])
  // A deploy that warns (e.g. of a Node built-in it left unresolved) is not a clean deploy.
  if (/\[WARNING\]/.test(output.stdout + output.stderr)) {
    throw new Error(`wrangler deploy --dry-run warned:\n${output.stdout}\n${output.stderr}`)
  }
  const script = join(outDir, 'worker.js')
  // Without nodejs_compat a `node:` import cannot load in workerd; say so before Miniflare does.
  // Lines of comments are not imports: graphql's documentation shows `import … from 'node:…'`.
  const nodeImport = /^(?!\s*(?:\*|\/\/)).*\b(?:from|import)\s*\(?\s*["']node:[\w/]+["']/m.exec(
    readFileSync(script, 'utf8'),
  )
  if (nodeImport) throw new Error(`the Worker bundle imports Node: ${nodeImport[0]}`)
  return script
}
