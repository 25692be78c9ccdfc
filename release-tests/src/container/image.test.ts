/*
 * apps/todo-api/Dockerfile without Docker: its build steps, read from the file, run in an empty
 * folder with the repository as the context (less what .dockerignore names), then the last
 * stage is started as `docker run` would: ENTRYPOINT and CMD with plain node, as USER, in
 * WORKDIR, with ENV. 80 s to 150 s here, most of it `pnpm deploy` linking from the pnpm store.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { userEnv } from '../processes'
import { buildDockerfile, type Image, openTo, parseDockerfile } from './dockerfile'
import { expectServesAsTheImageSays } from './serve-image'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const DOCKERFILE = join(ROOT, 'apps/todo-api/Dockerfile')
const MINUTE = 60_000

let work: string
let image: Image

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'sluice-image-'))
  // The container's user must reach WORKDIR through this folder (mkdtemp makes it 0700).
  openTo(work)
  image = await buildDockerfile(DOCKERFILE, { context: ROOT, root: work, env: userEnv({}) })
}, 10 * MINUTE)

// Tens of thousands of files: minutes on a busy disk.
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
}, 5 * MINUTE)

describe('apps/todo-api/Dockerfile', () => {
  test('builds on node:20-slim in two stages; the host stands in only for system packages and pnpm', () => {
    const stages = parseDockerfile(readFileSync(DOCKERFILE, 'utf8'))
    expect(stages.map((stage) => stage.from)).toEqual(['node:20-slim', 'node:20-slim'])
    expect(process.version).toMatch(/^v20\./)
    expect(image.hostSteps).toEqual([
      expect.stringMatching(/^apt-get update /),
      expect.stringMatching(/^npm install -g pnpm@10\./),
    ])
  })

  test('ships production dependencies only, without tests or local data', () => {
    const has = (path: string) => existsSync(join(image.workdir, path))
    expect(has('src/main.ts')).toBe(true)
    expect(has('node_modules/@sluice/core/src/index.ts')).toBe(true)
    expect(has('node_modules/tsx/package.json')).toBe(true)
    for (const dev of ['drizzle-kit', 'wrangler', 'fast-check', 'vitest', 'typescript'])
      expect(has(`node_modules/${dev}`), dev).toBe(false)
    expect(has('test')).toBe(false)
    expect(has('.env')).toBe(false)
  })

  test('runs as a user that is not root, and writes only its data folder', () => {
    expect(image.user).toEqual({ uid: 1000, gid: 1000 })
    expect(image.env.NODE_ENV).toBe('production')
    expect(image.exposed).toEqual(['8000'])
  })

  test('starts with plain node as ENTRYPOINT and CMD say, answers /health and /ready, passes its HEALTHCHECK and exits 0 on SIGTERM', {
    timeout: 2 * MINUTE,
  }, async () => {
    expect(image.entrypoint[0]).toBe('node')
    await expectServesAsTheImageSays(image, {
      JWT_SECRET: randomBytes(48).toString('base64'),
    })
  })
})
