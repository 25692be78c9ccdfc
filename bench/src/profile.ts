/**
 * Where a server's CPU time goes: the server runs under `node --cpu-prof`
 * while the load generator drives one endpoint, and the profile's samples are
 * summed by the package their code came from. The servers are esbuild
 * bundles, which mark where each module starts (`// <path>` lines), so a
 * sample's line number names its package. Self time only; idle is left out.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import type { Contender } from './contenders'
import { drive } from './load'
import { BENCH_DIR } from './paths'
import { fixed, table } from './report'
import { cpuSeconds, startServer, stopServer } from './server'
import { settings } from './settings'
import type { Endpoint } from './spec'

interface CpuProfile {
  readonly nodes: {
    readonly id: number
    readonly callFrame: { readonly functionName: string; readonly url: string; lineNumber: number }
  }[]
  readonly samples: number[]
  readonly timeDeltas: number[]
}

/** One profiled run: CPU µs per request, and each package's share of the busy samples. */
export interface Profile {
  readonly label: string
  readonly cpuUsPerRequest: number
  readonly shares: Map<string, number>
}

/** The package a bundled module path belongs to. */
export function packageOf(modulePath: string): string {
  const inModules = modulePath.lastIndexOf('node_modules/')
  if (inModules >= 0) {
    const [scope, name] = modulePath.slice(inModules + 'node_modules/'.length).split('/')
    return scope!.startsWith('@') ? `${scope}/${name}` : scope!
  }
  const workspace = /(?:^|\/)packages\/([^/]+)\//.exec(modulePath)
  if (workspace) return `@sluice/${workspace[1]}`
  if (/(?:^|\/)apps\/todo-api\//.test(modulePath)) return 'apps/todo-api'
  return 'bench server code'
}

/** Line numbers (0-based) where each module of a bundle starts, with its package. */
function moduleStarts(bundle: string): { line: number; pkg: string }[] {
  return readFileSync(bundle, 'utf8')
    .split('\n')
    .flatMap((text, line) =>
      /^\/\/ (\.\.\/|src\/)\S+$/.test(text) ? [{ line, pkg: packageOf(text.slice(3)) }] : [],
    )
}

/** What a sample's frame is charged to. */
function category(
  frame: CpuProfile['nodes'][number]['callFrame'],
  bundleUrl: string,
  starts: { line: number; pkg: string }[],
): string | undefined {
  if (frame.functionName === '(idle)' || frame.functionName === '(root)') return undefined
  if (frame.functionName === '(garbage collector)') return 'V8 garbage collector'
  if (frame.url === bundleUrl) {
    let pkg = 'bundle preamble'
    for (const start of starts) {
      if (start.line > frame.lineNumber) break
      pkg = start.pkg
    }
    return pkg
  }
  if (frame.url.startsWith('node:') || frame.url.startsWith('internal')) return nodePart(frame.url)
  return 'native (C++, syscalls, V8)'
}

/** Node's own JavaScript, by the part of Node it is in. */
function nodePart(url: string): string {
  if (url.includes('undici')) return 'Node.js: undici (Request, Response, Headers)'
  if (url.includes('webstreams')) return 'Node.js: web streams'
  if (url.includes('_http') || url.includes('internal/http')) return 'Node.js: http'
  if (url.includes('streams') || url === 'node:stream') return 'Node.js: streams'
  return 'Node.js: other JS'
}

function summarize(profile: CpuProfile, bundle: string): Map<string, number> {
  const bundleUrl = new URL(`file://${bundle}`).href
  const starts = moduleStarts(bundle)
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
  const time = new Map<string, number>()
  let busy = 0
  profile.samples.forEach((id, i) => {
    const name = category(frames.get(id)!, bundleUrl, starts)
    if (!name) return
    const delta = profile.timeDeltas[i] ?? 0
    time.set(name, (time.get(name) ?? 0) + delta)
    busy += delta
  })
  return new Map([...time].map(([name, spent]) => [name, spent / busy]))
}

/**
 * Runs `contender` (a bundled Node server) under `--cpu-prof`, warms it up and
 * drives `endpoint` for the run's measured seconds, then reads the profile.
 */
export async function profileServer(
  contender: Contender,
  bundle: string,
  endpoint: Endpoint,
  readyPath: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<Profile> {
  const dir = `${BENCH_DIR}.tmp/profiles/${contender.id}-${endpoint.key}/`
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const profiled: Contender = {
    ...contender,
    command: () => [process.execPath, '--cpu-prof', `--cpu-prof-dir=${dir}`, bundle],
  }
  const server = await startServer(profiled, readyPath, headers)
  const load = { connections: settings.connections, headers }
  let cpuUsPerRequest: number
  try {
    await drive(server.url, endpoint, { ...load, seconds: settings.warmup })
    const before = cpuSeconds(server.process.pid!)
    const run = await drive(server.url, endpoint, { ...load, seconds: settings.seconds })
    cpuUsPerRequest = ((cpuSeconds(server.process.pid!) - before) / run.requests) * 1e6
  } finally {
    await stopServer(server)
  }
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))
  if (!file) throw new Error(`${contender.id} wrote no profile (did it exit cleanly on SIGTERM?)`)
  const profile = JSON.parse(readFileSync(`${dir}${file}`, 'utf8')) as CpuProfile
  return { label: contender.label, cpuUsPerRequest, shares: summarize(profile, bundle) }
}

/**
 * One sentence on where the second profile spends more than the first, and
 * where less: the packages whose difference is at least `threshold` µs/req.
 */
export function differenceSummary([first, second]: readonly Profile[], threshold = 0.5): string {
  if (!first || !second) return ''
  const names = new Set([...first.shares.keys(), ...second.shares.keys()])
  const differences = [...names]
    .map((name) => ({
      name,
      us:
        (second.shares.get(name) ?? 0) * second.cpuUsPerRequest -
        (first.shares.get(name) ?? 0) * first.cpuUsPerRequest,
    }))
    .filter((difference) => Math.abs(difference.us) >= threshold)
    .sort((a, b) => b.us - a.us)
  const list = (items: typeof differences) =>
    items.map((item) => `${item.name} ${item.us > 0 ? '+' : ''}${fixed(item.us)}`).join(', ')
  const more = differences.filter((item) => item.us > 0)
  const less = differences.filter((item) => item.us < 0).reverse()
  const total = second.cpuUsPerRequest - first.cpuUsPerRequest
  return `${second.label} − ${first.label}: ${total > 0 ? '+' : ''}${fixed(total)} µs/req in all under the profiler; more in ${list(more) || 'nothing'}; less in ${list(less) || 'nothing'} (µs/req, differences of ${threshold} µs or more).`
}

/**
 * The profiles side by side: per package, µs per request (its share of the
 * busy samples × the run's CPU µs per request), largest first; with two
 * profiles, the difference (second − first) too.
 */
export function profileTable(profiles: readonly Profile[], minimumShare = 0.01): string {
  const names = new Set(
    profiles.flatMap((profile) =>
      [...profile.shares].filter(([, share]) => share >= minimumShare).map(([name]) => name),
    ),
  )
  const spent = (profile: Profile, name: string) =>
    (profile.shares.get(name) ?? 0) * profile.cpuUsPerRequest
  const rows = [...names]
    .sort((a, b) => spent(profiles.at(-1)!, b) - spent(profiles.at(-1)!, a))
    .map((name) => [
      name,
      ...profiles.map(
        (profile) =>
          `${fixed(spent(profile, name))} (${fixed(100 * (profile.shares.get(name) ?? 0), 0)}%)`,
      ),
      ...(profiles.length === 2
        ? [fixed(spent(profiles[1]!, name) - spent(profiles[0]!, name))]
        : []),
    ])
  const total = [
    '**all (CPU µs/req under the profiler)**',
    ...profiles.map((profile) => fixed(profile.cpuUsPerRequest)),
    ...(profiles.length === 2
      ? [fixed(profiles[1]!.cpuUsPerRequest - profiles[0]!.cpuUsPerRequest)]
      : []),
  ]
  return table(
    [
      'code',
      ...profiles.map((profile) => `${profile.label}: µs/req (share)`),
      ...(profiles.length === 2 ? ['difference µs/req'] : []),
    ],
    [...rows, total],
  )
}
