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
  'bun',
  'elysia',
  '@elysiajs/openapi',
  '@elysiajs/eden',
  '@hono/node-ws',
  'ws',
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

/**
 * The commit measured, and how many files under packages/ and apps/ differed
 * from it: the bench builds the working tree, so work in progress is measured too.
 */
function sourceState(): string {
  const commit = tryRun('git', ['-C', BENCH_DIR, 'rev-parse', '--short', 'HEAD'])?.trim()
  const changed = tryRun('git', [
    '-C',
    BENCH_DIR,
    'status',
    '--porcelain',
    '--',
    '../packages',
    '../apps',
  ])
    ?.split('\n')
    .filter(Boolean).length
  if (!commit) return 'not a git checkout'
  return changed ? `${commit} + ${changed} uncommitted file(s) under packages/ and apps/` : commit
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
      ['source', sourceState()],
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
