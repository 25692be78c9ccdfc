/**
 * The packages' portable entries must not need Node: each is bundled for
 * workerd as wrangler would (workerd conditions, no Node compatibility) and
 * must reach no Node built-in. The Node entries must reach one, which proves
 * the detection works. Then a Worker made of the portable entries runs in
 * real workerd. (Bun and Deno implement Node's built-ins, and the todo app's
 * entries for them use `node:crypto`'s scrypt and `node:fs`; their own suites
 * run them.)
 */
import { builtinModules } from 'node:module'
import { fileURLToPath } from 'node:url'
import { type BuildOptions, build, type Metafile } from 'esbuild'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const HERE = fileURLToPath(new URL('.', import.meta.url))

/** Node's built-ins, with and without the `node:` prefix. */
const NODE_BUILTINS = ['node:*', ...builtinModules]

/** How wrangler bundles a Worker, with workspace packages resolved to their sources. */
const WORKERD: BuildOptions = {
  platform: 'neutral',
  conditions: ['@sluice/source', 'workerd', 'worker', 'browser'],
  mainFields: ['module', 'main'],
  format: 'esm',
  target: 'es2022',
  bundle: true,
  write: false,
  metafile: true,
  logLevel: 'silent',
  // Kept out of the bundle, so the metafile lists who imports them.
  external: NODE_BUILTINS,
}

/** Bundles `source` (TypeScript, resolved from this folder) for workerd. */
async function bundle(source: string) {
  const result = await build({
    ...WORKERD,
    stdin: { contents: source, resolveDir: HERE, loader: 'ts', sourcefile: 'entry.ts' },
  })
  return { code: result.outputFiles?.[0]?.text ?? '', metafile: result.metafile as Metafile }
}

/** Every Node built-in the bundle imports, each as `builtin ← importer ← … ← entry`. */
function nodeImports(metafile: Metafile): string[] {
  const entry = Object.values(metafile.outputs)[0]?.entryPoint ?? ''
  const importerOf = new Map<string, string>()
  const found: string[] = []
  const queue = [entry]
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const { path, external } of metafile.inputs[file]?.imports ?? []) {
      if (external) {
        if (isNodeBuiltin(path)) found.push([path, ...chain(file, importerOf)].join(' ← '))
      } else if (!importerOf.has(path) && path !== entry) {
        importerOf.set(path, file)
        queue.push(path)
      }
    }
  }
  return found
}

function isNodeBuiltin(path: string) {
  return path.startsWith('node:') || builtinModules.includes(path.split('/')[0] ?? path)
}

/** The path from `file` back to the entry, through the first importer of each. */
function chain(file: string, importerOf: ReadonlyMap<string, string>): string[] {
  const files = [file]
  for (let parent = importerOf.get(file); parent; parent = importerOf.get(parent))
    files.push(parent)
  return files
}

describe.each([
  '@sluice/core',
  '@sluice/auth',
  '@sluice/db',
  '@sluice/db/d1',
  '@sluice/rate-limit',
])('%s', (entry) => {
  test('bundles for workerd without a Node built-in', async () => {
    const { metafile } = await bundle(`export * from '${entry}'`)
    expect(nodeImports(metafile)).toEqual([])
    // The docs pages' file readers (Node, Bun, Deno) stay out of an edge bundle.
    expect(
      Object.keys(metafile.inputs).filter((file) => file.includes('docs-assets.node')),
    ).toEqual([])
  })

  test('loads in workerd without Node compatibility', async () => {
    const { code } = await bundle(`
        import * as entry from '${entry}'
        export default { fetch: () => Response.json(Object.keys(entry).sort()) }
      `)
    const mf = new Miniflare({ modules: true, script: code, compatibilityDate: '2026-04-01' })
    try {
      const exports = (await (await mf.dispatchFetch('http://worker/')).json()) as string[]
      expect(exports).toEqual(Object.keys(await import(entry)).sort())
    } finally {
      await mf.dispose()
    }
  })
})

test.each([
  ['@sluice/core/node', /^node:http ← .*@hono\/node-server/],
  ['@sluice/auth/node', /^node:crypto ← .*packages\/auth\/src\/scrypt\.ts/],
  ['@sluice/db/sqlite', /^node:\w+ ← packages\/db\/src\/\w+\.ts/],
])('the Node entry %s is caught importing Node built-ins', async (entry, expected) => {
  const { metafile } = await bundle(`export * from '${entry}'`)
  expect(nodeImports(metafile)).toContainEqual(expect.stringMatching(expected))
})

describe('a Worker of the portable entries, in workerd', () => {
  let mf: Miniflare
  const fetch = (path: string, init?: Parameters<Miniflare['dispatchFetch']>[1]) =>
    mf.dispatchFetch(`http://worker${path}`, init)

  beforeAll(async () => {
    const { code, metafile } = await bundle(`export { default } from './fixtures/edge-worker'`)
    expect(nodeImports(metafile)).toEqual([])
    mf = new Miniflare({
      modules: true,
      script: code,
      d1Databases: ['DB'],
      compatibilityDate: '2026-04-01',
    })
  }, 30_000)

  afterAll(() => mf?.dispose())

  test('serves the docs pages, whose files come from jsDelivr: a Worker cannot read installed packages', async () => {
    for (const [path, script] of [
      ['/docs', 'https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js'],
      ['/redoc', 'https://cdn.jsdelivr.net/npm/redoc@2/bundles/redoc.standalone.js'],
    ] as const) {
      const page = await fetch(path)
      expect(page.status).toBe(200)
      expect(page.headers.get('content-security-policy')).toContain(
        "script-src 'self' https://cdn.jsdelivr.net;",
      )
      expect(await page.text()).toContain(`"${script}"`)
    }
  })

  test('signs a JWT and verifies it on a route', async () => {
    const { token } = (await (await fetch('/token', { method: 'POST' })).json()) as {
      token: string
    }
    const me = await fetch('/me', { headers: { authorization: `Bearer ${token}` } })
    expect(await me.json()).toEqual({ sub: 'ada' })
    const forged = await fetch('/me', { headers: { authorization: `Bearer ${token}x` } })
    expect(forged.status).toBe(401)
    expect(forged.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/)
  })

  test('counts a rate limit: the second request in the window is a 429', async () => {
    const first = await fetch('/limited')
    expect([first.status, first.headers.get('ratelimit')]).toEqual([200, '"edge";r=0;t=60'])
    const second = await fetch('/limited')
    expect([second.status, await second.json()]).toEqual([429, { detail: 'Too Many Requests' }])
    expect(second.headers.get('retry-after')).toMatch(/^\d+$/)
  })

  test('migrates D1 once and answers its constraint errors without SQL', async () => {
    expect(await (await fetch('/migrate', { method: 'POST' })).json()).toEqual(['0000_users.sql'])
    expect(await (await fetch('/migrate', { method: 'POST' })).json()).toEqual([])
    const created = await fetch('/users', { method: 'POST', body: 'a@example.com' })
    expect(created.status).toBe(201)
    expect(await created.json()).toEqual([{ email: 'a@example.com' }])
    const duplicate = await fetch('/users', { method: 'POST', body: 'a@example.com' })
    expect(duplicate.status).toBe(409)
    expect(await duplicate.text()).toBe('{"detail":"A record with the same values already exists"}')
  })
})
