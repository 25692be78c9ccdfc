/*
 * The packages as a user meets them. Every package is published to a real registry
 * (Verdaccio, registry.ts), then, in empty folders outside the repository with only that
 * registry: `npm create sluice@latest` for each template, `npm install`, `npm test`,
 * `npm start` answering /health, /docs rendering every operation in Chromium with no request
 * leaving the machine, and tsc with the project's TypeScript, the newest and the oldest 5.x
 * we support; the todo project's Dockerfile steps (see container/); then each package
 * README's install line and first example, as written.
 *
 * Sequential on purpose: one npm cache is shared by every install, so a package is fetched
 * from the upstream registry once per run; better-sqlite3 compiles from source on each fresh
 * install (about 90 s), so only the todo project and @sluice/db's README install it.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildDockerfile, openTo } from './container/dockerfile'
import { expectServesAsTheImageSays } from './container/serve-image'
import { CHROMIUM, hasChromium, openDocs } from './docs-page'
import { run, startServer, userEnv } from './processes'
import { readmeExample } from './readme'
import { type Registry, startRegistry } from './registry'

/** The oldest TypeScript the generated projects type-check with (the package READMEs say so). */
export const OLDEST_TYPESCRIPT = '5.0'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const TSX = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url))
const MINUTE = 60_000

let registry: Registry
let work: string
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  // Published from dist/, built by the test command's turbo step (cached when it already ran).
  await run(
    'npx -y pnpm@10 exec turbo run build --filter=./packages/* --output-logs=errors-only',
    ROOT,
    userEnv({ TURBO_TELEMETRY_DISABLED: '1' }),
  )
  registry = await startRegistry()
  // pnpm publish turns workspace: ranges into the versions; prepack already ran as the build.
  await run(
    `npx -y pnpm@10 -r --filter "./packages/*" publish --no-git-checks --ignore-scripts --registry ${registry.url}`,
    ROOT,
    userEnv({ npm_config_userconfig: registry.npmrc }),
  )
  work = mkdtempSync(join(tmpdir(), 'sluice-release-'))
  env = userEnv({
    npm_config_registry: registry.url,
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_update_notifier: 'false',
    // What a user answers to `npm create`'s "Ok to proceed?" (this machine's ~/.npmrc says no).
    npm_config_yes: 'true',
  })
}, 15 * MINUTE)

afterAll(async () => {
  await registry?.close()
  if (work) rmSync(work, { recursive: true, force: true })
}, 2 * MINUTE)

/** Operations an OpenAPI document lists, as "METHOD path". */
async function operationsOf(base: string): Promise<string[]> {
  const document = (await (await fetch(`${base}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>
  }
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => /^(get|put|post|delete|patch|head|options|trace)$/.test(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  )
}

describe.each(['minimal', 'todo'])('npm create sluice@latest -- --template %s', (template) => {
  let project: string
  let createdIn = 0

  test('scaffolds into an empty folder', { timeout: 10 * MINUTE }, async () => {
    const empty = mkdtempSync(join(work, `${template}-`))
    const started = performance.now()
    const { output } = await run(
      `npm create sluice@latest my-api -- --template ${template}`,
      empty,
      env,
    )
    createdIn = performance.now() - started
    project = join(empty, 'my-api')
    expect(output).toContain('npm run dev')
    expect(readdirSync(project)).toEqual(
      expect.arrayContaining(['package.json', 'tsconfig.json', '.gitignore', 'src']),
    )
  })

  test('installs and passes its own tests', { timeout: 25 * MINUTE }, async () => {
    await run('npm install --no-audit --no-fund', project, env)
    await run('npm test', project, env)
  })

  // The generated project has no pnpm workspace: its Dockerfile installs with npm ci, from the
  // package-lock.json the install above wrote, and is tested as apps/todo-api's is.
  test.runIf(template === 'todo')(
    "its Dockerfile's steps build an image that starts with node and answers /health and /ready",
    { timeout: 15 * MINUTE },
    async () => {
      const root = mkdtempSync(join(tmpdir(), 'sluice-template-image-'))
      openTo(root)
      try {
        const image = await buildDockerfile(join(project, 'Dockerfile'), {
          context: project,
          root,
          env,
        })
        expect(image.hostSteps).toEqual([expect.stringMatching(/^apt-get update /)])
        expect(existsSync(join(image.workdir, 'node_modules/vitest'))).toBe(false)
        await expectServesAsTheImageSays(image, {
          JWT_SECRET: randomBytes(48).toString('base64'),
        })
      } finally {
        await rm(root, { recursive: true, force: true })
      }
    },
  )

  test('npm start answers /health and serves /docs', { timeout: 10 * MINUTE }, async () => {
    const started = performance.now()
    // A free port: `sluice run` takes --port, the todo app reads PORT.
    const server = startServer('npm start -- --port 0', project, { ...env, PORT: '0' })
    try {
      const base = new URL(await server.url).origin
      const health = await fetch(`${base}/health`)
      expect(health.status, server.output()).toBe(200)
      const answeredIn = performance.now() - started
      console.log(
        `[release] ${template}: empty folder to /health answering, install excluded: ` +
          `${((createdIn + answeredIn) / 1000).toFixed(1)} s ` +
          `(scaffold ${(createdIn / 1000).toFixed(1)} s, start ${(answeredIn / 1000).toFixed(1)} s)`,
      )
      const operations = await operationsOf(base)
      expect(operations.length).toBeGreaterThan(0)
      if (!hasChromium) {
        console.warn(
          `[release] skipping /docs in Chromium: ${CHROMIUM} is absent (.ci/run installs it)`,
        )
        return
      }
      const page = await openDocs(base, operations.length)
      expect(page.outside).toEqual([])
      expect(page.operations.sort()).toEqual(operations.sort())
    } finally {
      await server.stop()
    }
  })

  test.each([
    ['its own TypeScript', 'npx tsc --noEmit'],
    ['the newest TypeScript', 'npx -y -p typescript@latest tsc --noEmit'],
    [`TypeScript ${OLDEST_TYPESCRIPT}`, `npx -y -p typescript@${OLDEST_TYPESCRIPT} tsc --noEmit`],
  ])('type-checks with %s', { timeout: 10 * MINUTE }, async (_, command) => {
    await run(command, project, env)
  })
})

const packages = readdirSync(join(ROOT, 'packages'))
  .map((folder) => ({
    folder,
    example: readmeExample(join(ROOT, 'packages', folder, 'README.md')),
  }))
  .filter((entry) => entry.example !== undefined)

describe.each(packages)('packages/$folder/README.md', ({ folder, example }) => {
  test('the install line, then the first example, run as written', {
    timeout: 15 * MINUTE,
  }, async () => {
    const dir = mkdtempSync(join(work, `readme-${folder}-`))
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: `readme-${folder}`, private: true, type: 'module' }),
    )
    for (const line of example!.install) await run(`${line} --no-audit --no-fund`, dir, env)
    writeFileSync(join(dir, 'example.ts'), example!.code)
    const secret = randomBytes(48).toString('base64')
    const child = startServer(`${TSX} example.ts`, dir, { ...env, PORT: '0', JWT_SECRET: secret })
    try {
      // An example that serves prints its URL; one that only builds an app exits with 0.
      const exited = child.exited.then((code) => ({ code }))
      const outcome = await Promise.race([
        child.url.then(
          (url) => ({ url }),
          () => exited,
        ),
        exited,
      ])
      if ('url' in outcome) {
        const res = await fetch(`${new URL(outcome.url).origin}/openapi.json`)
        expect(res.status, child.output()).toBe(200)
      } else {
        expect(outcome.code, child.output()).toBe(0)
      }
    } finally {
      await child.stop()
    }
    expect(existsSync(join(dir, 'node_modules'))).toBe(true)
  })
})
