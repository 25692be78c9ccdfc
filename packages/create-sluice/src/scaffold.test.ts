import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateTemplates } from './generate-templates'
import { FolderNotEmptyError, packageName, scaffold } from './scaffold'

const work = mkdtempSync(join(tmpdir(), 'create-sluice-'))
const templates = join(work, 'templates')

beforeAll(() =>
  generateTemplates({
    root: fileURLToPath(new URL('../../../', import.meta.url)),
    templates: fileURLToPath(new URL('../templates', import.meta.url)),
    out: templates,
  }),
)
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('packageName', () => {
  it('is the folder name as npm accepts it', () => {
    expect(packageName('/tmp/My API')).toBe('my-api')
    expect(packageName('./api.v2')).toBe('api.v2')
    expect(packageName('/tmp/_')).toBe('sluice-app')
  })
})

describe('scaffold', () => {
  it('copies the minimal template, named after its folder, with a .gitignore', () => {
    const target = scaffold(
      { directory: join(work, 'Hello World'), template: 'minimal', db: 'sqlite' },
      templates,
    )
    expect(JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')).name).toBe('hello-world')
    expect(existsSync(join(target, '.gitignore'))).toBe(true)
    expect(existsSync(join(target, 'gitignore'))).toBe(false)
    expect(existsSync(join(target, 'src/app.ts'))).toBe(true)
    expect(existsSync(join(target, '.env'))).toBe(false)
  })

  it('points the todo app at PostgreSQL through .env with --db postgres', () => {
    const target = scaffold(
      { directory: join(work, 'pg-api'), template: 'todo', db: 'postgres' },
      templates,
    )
    expect(readFileSync(join(target, '.env'), 'utf8')).toMatch(
      /^DATABASE_URL=postgres:\/\/postgres@localhost:5432\/pg_api$/m,
    )
  })

  it('writes nothing into a folder that holds files', () => {
    const directory = join(work, 'taken')
    mkdirSync(directory)
    writeFileSync(join(directory, 'notes.txt'), 'mine')
    expect(() => scaffold({ directory, template: 'minimal', db: 'sqlite' }, templates)).toThrow(
      FolderNotEmptyError,
    )
    expect(existsSync(join(directory, 'package.json'))).toBe(false)
  })
})
