/**
 * Type-check cost, measured the way Hono's `perf-measures/type-check` does:
 * generate one app of N routes (each with path params, a query, a JSON body
 * and a dependency) per contender, plus an `hc` client over the whole app
 * type, and run `tsc --noEmit --extendedDiagnostics` on it.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'
import { BENCH_DIR } from './contenders'
import { fixed, ratio, type TargetRow, table } from './report'
import { SERVER_CORE } from './server'
import { settings } from './settings'
import { min } from './stats'

const run = promisify(execFile)
const TSC = createRequire(import.meta.url).resolve('typescript/lib/tsc.js')
const ROOT = `${BENCH_DIR}.tmp/typecheck/`
const CORE_SRC = `${BENCH_DIR}../packages/core/src/`

/** Routes per generated app. */
export const ROUTE_COUNT = Number(process.env.BENCH_TYPECHECK_ROUTES ?? 200)

interface Generated {
  readonly id: string
  readonly label: string
  readonly app: string
  /** Extra compiler options (Sluice's declarations are mapped in by path). */
  readonly paths?: Record<string, string[]>
  /** The typed client over the app; \`hc\` unless given. */
  readonly client?: string
}

const range = (count: number) => Array.from({ length: count }, (_, i) => i)

function sluiceApp(count: number): string {
  const routes = range(count).map(
    (i) => `
const tenant${i} = depends(
  { headers: v.object({ x_tenant: v.optional(v.string(), 'default') }) },
  ({ headers }) => ({ tenant: headers.x_tenant, route: ${i} }),
)
const route${i} = route.post(
  '/r${i}/:id',
  {
    params: v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
    query: v.object({ q: v.optional(v.string(), '') }),
    body: v.object({ name: v.string(), price: v.number() }),
    deps: { ctx: tenant${i} },
    response: v.object({ id: v.number(), q: v.string(), name: v.string(), tenant: v.string() }),
  },
  ({ params, query, body, ctx }) => ({ id: params.id, q: query.q, name: body.name, tenant: ctx.tenant }),
)`,
  )
  return `import { createApp, depends, route } from '@sluice/core'
import * as v from 'valibot'
${routes.join('\n')}

export const app = createApp({ routes: [${range(count)
    .map((i) => `route${i}`)
    .join(', ')}] })
`
}

function honoApp(count: number): string {
  const middleware = range(count).map(
    (
      i,
    ) => `const tenant${i} = createMiddleware<{ Variables: { tenant: string } }>(async (c, next) => {
  c.set('tenant', c.req.header('x-tenant') ?? 'default')
  await next()
})`,
  )
  const routes = range(count).map(
    (i) => `  .post(
    '/r${i}/:id',
    vValidator('param', v.object({ id: v.pipe(v.string(), v.transform(Number), v.integer(), v.minValue(1)) })),
    vValidator('query', v.object({ q: v.optional(v.string(), '') })),
    vValidator('json', v.object({ name: v.string(), price: v.number() })),
    tenant${i},
    (c) => {
      const { id } = c.req.valid('param')
      const { q } = c.req.valid('query')
      const { name } = c.req.valid('json')
      return c.json({ id, q, name, tenant: c.get('tenant') }, 200)
    },
  )`,
  )
  return `import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import * as v from 'valibot'

${middleware.join('\n')}

export const app = new Hono()
${routes.join('\n')}
`
}

function zodOpenApiApp(count: number): string {
  const routes = range(count).map(
    (
      i,
    ) => `const tenant${i} = createMiddleware<{ Variables: { tenant: string } }>(async (c, next) => {
  c.set('tenant', c.req.header('x-tenant') ?? 'default')
  await next()
})
const route${i} = createRoute({
  method: 'post',
  path: '/r${i}/{id}',
  middleware: [tenant${i}] as const,
  request: {
    params: z.object({ id: z.coerce.number().int().min(1) }),
    query: z.object({ q: z.string().default('') }),
    body: { content: { 'application/json': { schema: z.object({ name: z.string(), price: z.number() }) } } },
  },
  responses: {
    200: {
      description: 'ok',
      content: { 'application/json': { schema: z.object({ id: z.number(), q: z.string(), name: z.string(), tenant: z.string() }) } },
    },
  },
})`,
  )
  const handlers = range(count).map(
    (i) => `  .openapi(route${i}, (c) => {
    const { id } = c.req.valid('param')
    const { q } = c.req.valid('query')
    const { name } = c.req.valid('json')
    return c.json({ id, q, name, tenant: c.get('tenant') }, 200)
  })`,
  )
  return `import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { createMiddleware } from 'hono/factory'

${routes.join('\n')}

export const app = new OpenAPIHono()
${handlers.join('\n')}
`
}

function honoOpenApiApp(count: number): string {
  const middleware = range(count).map(
    (
      i,
    ) => `const tenant${i} = createMiddleware<{ Variables: { tenant: string } }>(async (c, next) => {
  c.set('tenant', c.req.header('x-tenant') ?? 'default')
  await next()
})`,
  )
  const routes = range(count).map(
    (i) => `  .post(
    '/r${i}/:id',
    describeRoute({
      responses: {
        200: {
          description: 'ok',
          content: { 'application/json': { schema: resolver(v.object({ id: v.number(), q: v.string(), name: v.string(), tenant: v.string() })) } },
        },
      },
    }),
    validator('param', v.object({ id: v.pipe(v.string(), v.transform(Number), v.integer(), v.minValue(1)) })),
    validator('query', v.object({ q: v.optional(v.string(), '') })),
    validator('json', v.object({ name: v.string(), price: v.number() })),
    tenant${i},
    (c) => {
      const { id } = c.req.valid('param')
      const { q } = c.req.valid('query')
      const { name } = c.req.valid('json')
      return c.json({ id, q, name, tenant: c.get('tenant') }, 200)
    },
  )`,
  )
  return `import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { describeRoute, resolver, validator } from 'hono-openapi'
import * as v from 'valibot'

${middleware.join('\n')}

export const app = new Hono()
${routes.join('\n')}
`
}

/**
 * Elysia with \`t\` schemas; the per-route dependency is a macro with \`resolve\`,
 * Elysia's way to give chosen routes a typed value (one macro, used by every route).
 */
function elysiaApp(count: number): string {
  const routes = range(count).map(
    (i) => `  .post(
    '/r${i}/:id',
    ({ params, query, body, tenant }) => ({ id: params.id, q: query.q, name: body.name, tenant }),
    {
      tenant: true,
      params: t.Object({ id: t.Integer({ minimum: 1 }) }),
      query: t.Object({ q: t.String({ default: '' }) }),
      body: t.Object({ name: t.String(), price: t.Number() }),
      response: t.Object({ id: t.Number(), q: t.String(), name: t.String(), tenant: t.String() }),
    },
  )`,
  )
  return `import { Elysia, t } from 'elysia'

export const app = new Elysia()
  .macro({
    tenant: { resolve: ({ headers }) => ({ tenant: headers['x-tenant'] ?? 'default' }) },
  })
${routes.join('\n')}
`
}

/** Eden's treaty client over the Elysia app: the same calls as {@link clientFile}'s. */
function edenClientFile(count: number): string {
  const call = (i: number, name: string) => `export async function ${name}(): Promise<string> {
  const { data, error } = await client.r${i}({ id: 1 }).post({ name: 'a', price: 1 }, { query: { q: 'x' } })
  if (error) return 'failed'
  const result: string = data.name
  return result
}`
  return `import { treaty } from '@elysiajs/eden'
import type { app } from './app'

const client = treaty<typeof app>('localhost')

${call(0, 'first')}

${call(count - 1, 'last')}

export function rejectsWrongInput() {
  // @ts-expect-error the body's name must be a string
  return client.r${count - 1}({ id: 1 }).post({ name: 1, price: 1 }, { query: {} })
}
`
}

/** A typed client over the whole app: the first and last route called, wrong input rejected. */
function clientFile(count: number): string {
  const call = (i: number, name: string) => `export async function ${name}(): Promise<string> {
  const res = await client.r${i}[':id'].$post({ param: { id: '1' }, query: { q: 'x' }, json: { name: 'a', price: 1 } })
  if (!res.ok) return 'failed'
  const data = await res.json()
  const result: string = data.name
  return result
}`
  return `import { hc } from 'hono/client'
import type { app } from './app'

const client = hc<typeof app>('http://localhost')

${call(0, 'first')}

${call(count - 1, 'last')}

export function rejectsWrongInput() {
  // @ts-expect-error the body's name must be a string
  return client.r${count - 1}[':id'].$post({ param: { id: '1' }, query: {}, json: { name: 1, price: 1 } })
}
`
}

/** Sluice as users get it: declarations, not sources (which tsc would check too). */
async function emitSluiceDeclarations(): Promise<string> {
  const dir = `${ROOT}sluice-core-types/`
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const config = {
    extends: `${CORE_SRC}../tsconfig.json`,
    compilerOptions: {
      noEmit: false,
      declaration: true,
      emitDeclarationOnly: true,
      sourceMap: false,
      outDir: `${dir}out`,
      rootDir: CORE_SRC,
    },
    include: [],
    files: [`${CORE_SRC}index.ts`],
  }
  writeFileSync(`${dir}tsconfig.json`, JSON.stringify(config, null, 2))
  await run(process.execPath, [TSC, '-p', dir]).catch((error: { stdout?: string }) => {
    // Declarations are written despite type errors elsewhere in the core; report them anyway.
    process.stderr.write(
      `tsc reported errors while emitting Sluice's declarations:\n${error.stdout}\n`,
    )
  })
  return `${dir}out/index.d.ts`
}

export interface TypecheckResult {
  readonly id: string
  readonly label: string
  readonly seconds: number
  readonly checkSeconds: number
  readonly instantiations: number
  readonly memoryMiB: number
  readonly errors: string[]
  readonly tooDeep: boolean
}

async function measure(generated: Generated): Promise<TypecheckResult> {
  const dir = `${ROOT}${generated.id}/`
  mkdirSync(dir, { recursive: true })
  writeFileSync(`${dir}app.ts`, generated.app)
  writeFileSync(`${dir}client.ts`, generated.client ?? clientFile(ROUTE_COUNT))
  const config = {
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      types: [],
      ...(generated.paths ? { paths: generated.paths } : {}),
    },
    files: ['app.ts', 'client.ts'],
  }
  writeFileSync(`${dir}tsconfig.json`, JSON.stringify(config, null, 2))
  const runs: { total: number; check: number; inst: number; mem: number; out: string }[] = []
  for (let i = 0; i < settings.typecheckRuns; i++) {
    const args = ['-c', SERVER_CORE, process.execPath, TSC, '-p', dir, '--extendedDiagnostics']
    const out = await run('taskset', args, { maxBuffer: 1 << 26 }).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string }) => error.stdout ?? '',
    )
    const read = (name: string) => Number(new RegExp(`${name}:\\s+([\\d.]+)`).exec(out)?.[1])
    runs.push({
      total: read('Total time'),
      check: read('Check time'),
      inst: read('Instantiations'),
      mem: read('Memory used') / 1024,
      out,
    })
  }
  const errors = runs[0]!.out.split('\n').filter((line) => line.includes('error TS'))
  return {
    id: generated.id,
    label: generated.label,
    // Like CPU per request, a type-check's time only grows with other work on the machine.
    seconds: min(runs.map((r) => r.total)),
    checkSeconds: min(runs.map((r) => r.check)),
    instantiations: min(runs.map((r) => r.inst)),
    memoryMiB: min(runs.map((r) => r.mem)),
    errors,
    tooDeep: errors.some((line) => line.includes('TS2589')),
  }
}

export async function runTypecheck(): Promise<TypecheckResult[]> {
  process.stderr.write(`\nType-check cost: ${ROUTE_COUNT} routes per app\n`)
  const sluiceTypes = await emitSluiceDeclarations()
  const apps: Generated[] = [
    { id: 'hono', label: 'Hono + @hono/valibot-validator', app: honoApp(ROUTE_COUNT) },
    { id: 'hono-openapi', label: 'hono-openapi (valibot)', app: honoOpenApiApp(ROUTE_COUNT) },
    { id: 'zod-openapi', label: '@hono/zod-openapi', app: zodOpenApiApp(ROUTE_COUNT) },
    {
      id: 'elysia',
      label: 'Elysia (`t` schemas, Eden client)',
      app: elysiaApp(ROUTE_COUNT),
      client: edenClientFile(ROUTE_COUNT),
    },
    {
      id: 'sluice',
      label: 'Sluice',
      app: sluiceApp(ROUTE_COUNT),
      paths: { '@sluice/core': [sluiceTypes] },
    },
  ]
  const results: TypecheckResult[] = []
  for (const generated of apps) {
    const result = await measure(generated)
    process.stderr.write(
      `  ${result.id.padEnd(12)} ${fixed(result.seconds, 2)} s, ${result.instantiations} instantiations, ${result.errors.length} errors\n`,
    )
    results.push(result)
  }
  return results
}

export function typecheckSection(results: readonly TypecheckResult[]): string {
  const base = results.find((result) => result.id === 'hono')
  const rows = results.map((result) => [
    result.label,
    fixed(result.seconds, 2),
    ratio(result.seconds, base?.seconds ?? Number.NaN),
    fixed(result.checkSeconds, 2),
    String(result.instantiations),
    ratio(result.instantiations, base?.instantiations ?? Number.NaN),
    fixed(result.memoryMiB, 0),
    result.errors.length === 0 ? 'yes' : result.tooDeep ? 'no: excessively deep' : 'no',
  ])
  const errors = results
    .filter((result) => result.errors.length)
    .map(
      (result) =>
        `\n${result.label} errors (first 5):\n\n\`\`\`\n${result.errors.slice(0, 5).join('\n')}\n\`\`\``,
    )
  return `## Type-check cost (${ROUTE_COUNT} routes)

Each app has ${ROUTE_COUNT} \`POST /rN/:id\` routes, each with a path param, a query, a JSON body and
a dependency (a typed middleware for Hono, a \`resolve\` macro for Elysia), plus \`client.ts\`: a
typed client over the whole app type (\`hc\`; Eden's \`treaty\` for Elysia) that calls the first
and last route and must reject a wrong body (\`@ts-expect-error\`).
\`tsc --noEmit --extendedDiagnostics\` (strict, skipLibCheck) on the server core, best of ${settings.typecheckRuns} run(s);
instantiation counts do not depend on the machine.
Sluice is checked against its emitted declarations, as users get it.

${table(
  [
    'app',
    'total s',
    '× Hono',
    'check s',
    'instantiations',
    '× Hono',
    'memory MiB',
    'typed client type-checks',
  ],
  rows,
)}
${errors.join('\n')}`
}

export function typecheckTargets(results: readonly TypecheckResult[]): TargetRow[] {
  const get = (id: string) => results.find((result) => result.id === id)
  const sluice = get('sluice')
  const hono = get('hono')
  const zod = get('zod-openapi')
  if (!sluice || !hono || !zod) return []
  return [
    {
      target: `${ROUTE_COUNT}-route type-check ≤ 1.5× plain Hono's time`,
      measured: `${fixed(sluice.seconds, 2)} s vs ${fixed(hono.seconds, 2)} s = ${ratio(sluice.seconds, hono.seconds)}`,
      met: sluice.seconds <= 1.5 * hono.seconds,
    },
    {
      target: 'fewer instantiations than @hono/zod-openapi',
      measured: `${sluice.instantiations} vs ${zod.instantiations}`,
      met: sluice.instantiations < zod.instantiations,
    },
    {
      target: `working \`hc\` client over all ${ROUTE_COUNT} routes`,
      measured:
        sluice.errors.length === 0
          ? 'type-checks, wrong input rejected'
          : `${sluice.errors.length} errors${sluice.tooDeep ? ' (excessively deep)' : ''}`,
      met: sluice.errors.length === 0,
    },
  ]
}
