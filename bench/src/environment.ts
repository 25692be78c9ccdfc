/** What the figures depend on besides the code: the machine, its load, and every version. */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg, release, totalmem } from 'node:os'
import { BENCH_DIR } from './contenders'
import { loadGenerator, loadGeneratorCommand } from './load'
import { pythonVersions } from './python'
import { table } from './report'

function tryRun(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    return (error as { stdout?: string }).stdout || undefined
  }
}

function packageVersion(name: string): string {
  try {
    const file = `${BENCH_DIR}node_modules/${name}/package.json`
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
  } catch {
    return 'not installed'
  }
}

const NODE_PACKAGES = [
  '@sluice/core',
  'hono',
  '@hono/node-server',
  'valibot',
  '@hono/valibot-validator',
  'hono-openapi',
  '@hono/zod-openapi',
  'zod',
  'fastify',
  '@sinclair/typebox',
  'drizzle-orm',
  'better-sqlite3',
  'jose',
  'typescript',
  'esbuild',
]

function loadGeneratorVersion(): string {
  const wrk = loadGeneratorCommand()
  if (!wrk) return `autocannon ${packageVersion('autocannon')}`
  const out = tryRun(wrk, ['-v']) ?? ''
  return /wrk [^\s]+/.exec(out)?.[0] ?? 'wrk'
}

export const loadAverage = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ')

/** The machine and versions section of the report. */
export function environmentSection(loadBefore: string): string {
  const cpu = cpus()
  const machine = table(
    ['', ''],
    [
      ['CPU', `${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`],
      ['memory', `${(totalmem() / 2 ** 30).toFixed(1)} GiB`],
      ['kernel', release()],
      ['Node.js', process.version],
      ['load generator', `${loadGeneratorVersion()} (${loadGenerator})`],
      ['load average (1/5/15 min) before', loadBefore],
      ['load average (1/5/15 min) after', loadAverage()],
    ],
  )
  const versions = table(
    ['package', 'version'],
    [...NODE_PACKAGES.map((name) => [name, packageVersion(name)]), ...pythonVersions()],
  )
  return `## Machine\n\n${machine}\n\n## Versions\n\n${versions}`
}
