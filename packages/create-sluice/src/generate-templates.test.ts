import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateTemplates, workspaceVersions } from './generate-templates'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const out = mkdtempSync(join(tmpdir(), 'create-sluice-templates-'))
const versions = workspaceVersions(root)
const read = (path: string) => readFileSync(join(out, path), 'utf8')

beforeAll(() =>
  generateTemplates({
    root,
    templates: fileURLToPath(new URL('../templates', import.meta.url)),
    out,
  }),
)
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe.each(['minimal', 'todo'])('the %s template', (template) => {
  it('installs from the registry: published ranges, no workspace protocol, no source condition', () => {
    const manifest = JSON.parse(read(`${template}/package.json`))
    expect(read(`${template}/package.json`)).not.toMatch(/workspace:|@sluice\/source/)
    expect(manifest.dependencies['@sluice/core']).toBe(`^${versions['@sluice/core']}`)
    expect(manifest.scripts.test).toBe('vitest run')
    expect(Object.keys(manifest.devDependencies)).toEqual(
      expect.arrayContaining(['typescript', 'vitest', '@types/node']),
    )
  })

  it('has the shared tsconfig and a gitignore npm will not drop', () => {
    expect(JSON.parse(read(`${template}/tsconfig.json`)).compilerOptions.strict).toBe(true)
    expect(read(`${template}/gitignore`)).toContain('node_modules/')
  })
})

describe('the todo template, generated from apps/todo-api', () => {
  it('is the app as it is in the repository', () => {
    for (const file of [
      'src/main.ts',
      'src/app.ts',
      'drizzle/sqlite/0000_init.sql',
      '.env.example',
    ])
      expect(read(`todo/${file}`)).toBe(readFileSync(join(root, 'apps/todo-api', file), 'utf8'))
  })

  it('runs the monorepo-free scripts the app has', () => {
    const app = JSON.parse(readFileSync(join(root, 'apps/todo-api/package.json'), 'utf8'))
    const { scripts } = JSON.parse(read('todo/package.json'))
    expect(Object.keys(scripts)).toEqual(expect.arrayContaining(Object.keys(app.scripts)))
    expect(scripts.typecheck).toBe('tsc --noEmit')
  })

  it('leaves out tests that import other workspace packages', () => {
    // passwords.test.ts reads packages/auth's fixture hashes.
    expect(existsSync(join(root, 'apps/todo-api/test/passwords.test.ts'))).toBe(true)
    expect(existsSync(join(out, 'todo/test/passwords.test.ts'))).toBe(false)
    expect(existsSync(join(out, 'todo/test/users.test.ts'))).toBe(true)
  })

  it('builds its image with npm from its own folder: Dockerfile, .dockerignore, compose.yaml', () => {
    const dockerfile = read('todo/Dockerfile')
    expect(dockerfile).toContain('RUN npm ci --omit=dev')
    expect(dockerfile).not.toMatch(/pnpm|@sluice\/source/)
    expect(read('todo/.dockerignore')).toMatch(/^node_modules$/m)
    const compose = read('todo/compose.yaml')
    expect(compose).toMatch(/^ {4}build: \.$/m)
    // Everything else as the app has it, comments included.
    const app = readFileSync(join(root, 'apps/todo-api/compose.yaml'), 'utf8')
    const withoutBuild = (text: string) => text.replace(/^ {4}build:.*\n(?: {6}.*\n)*/m, '')
    expect(withoutBuild(compose)).toBe(withoutBuild(app))
  })

  it('has the Kubernetes manifests as the app has them', () => {
    for (const file of ['deployment.yaml', 'service.yaml', 'hpa.yaml', 'secret.yaml'])
      expect(read(`todo/k8s/${file}`)).toBe(
        readFileSync(join(root, 'apps/todo-api/k8s', file), 'utf8'),
      )
  })

  it('leaves out what git ignores', () => {
    expect(existsSync(join(out, 'todo/node_modules'))).toBe(false)
  })
})
