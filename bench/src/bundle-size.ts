/** The minified + gzipped size of a Sluice hello-world bundled for Workers, next to plain Hono's. */
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { BENCH_DIR } from './contenders'
import { fixed, ratio, type TargetRow, table } from './report'

export interface BundleSize {
  readonly label: string
  readonly minified: number
  readonly gzipped: number
  /** Minified bytes by package (or Sluice source folder), largest first. */
  readonly byPackage: [string, number][]
  /** Every source file with bytes in the bundle, relative to the bench folder. */
  readonly files: string[]
}

/** `node_modules/.pnpm/x@1/node_modules/@scope/name/…` → `@scope/name`; `packages/core/src/…` → `@sluice/core`. */
function packageOf(input: string): string {
  const modules = input.split('node_modules/')
  const last = modules[modules.length - 1]!
  if (modules.length > 1) {
    const [first, second] = last.split('/')
    return first!.startsWith('@') ? `${first}/${second}` : first!
  }
  const sluice = /packages\/([^/]+)\//.exec(input)
  return sluice ? `@sluice/${sluice[1]}` : input
}

async function bundle(entry: string, label: string): Promise<BundleSize> {
  const result = await build({
    entryPoints: [`${BENCH_DIR}src/workers/${entry}`],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    // What wrangler resolves for Workers, plus Sluice's sources.
    conditions: ['workerd', 'worker', 'browser', '@sluice/source'],
    write: false,
    metafile: true,
    logLevel: 'warning',
  })
  const code = result.outputFiles[0]!.contents
  const byPackage = new Map<string, number>()
  const files: string[] = []
  for (const output of Object.values(result.metafile.outputs))
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput === 0) continue
      files.push(input)
      byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + bytesInOutput)
    }
  return {
    label,
    minified: code.byteLength,
    gzipped: gzipSync(code, { level: 9 }).byteLength,
    byPackage: [...byPackage].sort((a, b) => b[1] - a[1]),
    files,
  }
}

export async function measureBundles(): Promise<BundleSize[]> {
  return [
    await bundle('hono-hello.ts', 'Hono hello-world'),
    await bundle('sluice-hello.ts', 'Sluice hello-world'),
  ]
}

/** Issue 26's budget for the Sluice hello-world: 1.5× the size of plain Hono's at the time. */
export const HELLO_WORLD_TARGET_KIB = 12.3

/** The Sluice hello-world's gzipped size against its target, for the targets table. */
export function bundleTargets(sizes: readonly BundleSize[]): TargetRow[] {
  const [hono, sluice] = sizes
  const kib = sluice!.gzipped / 1024
  return [
    {
      target: `Workers hello-world ≤ ${HELLO_WORLD_TARGET_KIB} KiB gzipped`,
      measured: `${fixed(kib)} KiB (${ratio(sluice!.gzipped, hono!.gzipped)} Hono's ${fixed(hono!.gzipped / 1024)} KiB)`,
      met: kib <= HELLO_WORLD_TARGET_KIB,
    },
  ]
}

export function bundleSection(sizes: readonly BundleSize[]): string {
  const base = sizes[0]!
  const kib = (bytes: number) => fixed(bytes / 1024, 1)
  return `## Workers bundle size

esbuild, \`platform: neutral\`, conditions \`workerd, worker, browser\`, minified; gzip level 9.

${table(
  ['bundle', 'minified KiB', 'gzipped KiB', '× Hono'],
  sizes.map((size) => [
    size.label,
    kib(size.minified),
    kib(size.gzipped),
    ratio(size.gzipped, base.gzipped),
  ]),
)}

Where the Sluice hello-world's minified bytes come from: ${sizes[sizes.length - 1]!.byPackage.slice(
    0,
    6,
  )
    .map(([name, bytes]) => `${name} ${kib(bytes)} KiB`)
    .join(', ')}.`
}
