#!/usr/bin/env node
/*
 * The `sluice` command: argv read by cac, each command's work in its own module.
 */
import { createRequire } from 'node:module'
import { cac } from 'cac'
import { register } from 'tsx/esm/api'
import { dev } from './dev'
import { findEntry } from './entry'
import { loadApp } from './load-app'
import { writeOpenAPI } from './openapi'
import { formatRoutes, listRoutes } from './routes'
import { run } from './run'
import { exitWithError, UsageError } from './usage-error'

const { version } = createRequire(import.meta.url)('../package.json') as { version: string }

interface AppFlags {
  readonly app?: string
}

interface ServeFlags extends AppFlags {
  readonly host: string
  readonly port: unknown
}

const cli = cac('sluice')

cli
  .command('dev [entry]', 'Serve the app on 127.0.0.1:8000, reloading it when a file changes')
  .option('--app <name>', 'The export that holds the app (default: app, else the default export)')
  .option('--host <host>', 'The interface to listen on', { default: '127.0.0.1' })
  .option('--port <port>', 'The port to listen on', { default: 8000 })
  .example('sluice dev')
  .example('sluice dev src/server.ts --port 8080')
  .action(async (entry: string | undefined, flags: ServeFlags) => {
    const file = findEntry(process.cwd(), entry)
    process.exitCode = await dev({
      entry: file,
      ...(flags.app !== undefined && { app: flags.app }),
      host: flags.host,
      port: portFlag(flags.port),
    })
  })

cli
  .command('run [entry]', 'Serve the app for production on 0.0.0.0:8000, without reload')
  .option('--app <name>', 'The export that holds the app (default: app, else the default export)')
  .option('--host <host>', 'The interface to listen on', { default: '0.0.0.0' })
  .option('--port <port>', 'The port to listen on', { default: 8000 })
  .option('--workers <n>', 'How many processes serve the port', { default: 1 })
  .example('sluice run --workers 4')
  .action(async (entry: string | undefined, flags: ServeFlags & { workers: unknown }) => {
    register()
    await run({
      entry: findEntry(process.cwd(), entry),
      ...(flags.app !== undefined && { app: flags.app }),
      host: flags.host,
      port: portFlag(flags.port),
      workers: countFlag('--workers', flags.workers),
    })
  })

cli
  .command('openapi [entry]', "Write the app's OpenAPI document (JSON), without serving it")
  .option('--app <name>', 'The export that holds the app (default: app, else the default export)')
  .option('-o, --output <file>', 'Write it to this file rather than to stdout')
  .example('sluice openapi --output openapi.json')
  .action(async (entry: string | undefined, flags: AppFlags & { output?: string }) => {
    register()
    await writeOpenAPI(await loadEntry(entry, flags), flags.output)
    process.exit(0)
  })

cli
  .command(
    'routes [entry]',
    "List the app's routes: method, path, operationId, dependencies, security",
  )
  .option('--app <name>', 'The export that holds the app (default: app, else the default export)')
  .option('--json', 'Print them as JSON')
  .action(async (entry: string | undefined, flags: AppFlags & { json?: boolean }) => {
    register()
    const rows = listRoutes(await loadEntry(entry, flags))
    console.log(flags.json ? JSON.stringify(rows, null, 2) : formatRoutes(rows))
    process.exit(0)
  })

cli.help()
cli.version(version)

/** The app an entry exports; the entry module may hold the process open (a pool, a timer), so commands that end exit. */
function loadEntry(entry: string | undefined, flags: AppFlags) {
  return loadApp(findEntry(process.cwd(), entry), flags.app)
}

function portFlag(value: unknown): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port must be a whole number from 0 to 65535, not ${value}`)
  return port
}

function countFlag(flag: string, value: unknown): number {
  const count = Number(value)
  if (!Number.isInteger(count) || count < 1)
    throw new UsageError(`${flag} must be a whole number of 1 or more, not ${value}`)
  return count
}

async function main(): Promise<void> {
  const matched = usageErrors(() => {
    cli.parse(process.argv, { run: false })
    if (!cli.matchedCommand && cli.args.length > 0)
      throw new UsageError(`Unknown command: ${cli.args[0]} (see sluice --help)`)
    if (!cli.matchedCommand && !cli.options.help && !cli.options.version) cli.outputHelp()
    // Checks the flags synchronously, then starts the (async) action.
    return cli.runMatchedCommand()
  })
  await matched
}

/** Runs `step`, turning cac's own errors (an unknown option, a missing value) into usage errors. */
function usageErrors<T>(step: () => T): T {
  try {
    return step()
  } catch (error) {
    if (error instanceof Error && error.name === 'CACError') throw new UsageError(error.message)
    throw error
  }
}

main().catch(exitWithError)
