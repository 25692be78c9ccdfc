import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { HELLO_APP, project, removeProject, sluice } from './fixtures/sluice'

const TIMEOUT = 60_000
const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) removeProject(dir)
})

function inProject(files: Record<string, string>): string {
  const dir = project(files)
  dirs.push(dir)
  return dir
}

describe('sluice openapi', { timeout: TIMEOUT }, () => {
  test('prints the document on stdout, or writes it to --output, without starting the app', async () => {
    const dir = inProject({ 'src/app.ts': HELLO_APP })
    const printed = sluice(['openapi'], dir)
    expect(await printed.exited).toBe(0)
    const document = JSON.parse(printed.lines.join('\n'))
    expect(document).toMatchObject({
      openapi: '3.1.0',
      info: { title: 'Hello' },
      paths: { '/hello': { get: { operationId: 'get_hello' } } },
    })

    const written = sluice(['openapi', '--output', 'openapi.json'], dir)
    expect(await written.exited).toBe(0)
    // Nothing but the document: no lifespan, no app-scoped values, no listening line.
    expect(written.lines).toEqual([])
    expect(JSON.parse(readFileSync(join(dir, 'openapi.json'), 'utf8'))).toEqual(document)
  })

  test('a file that exports no app is one line and exit 1', async () => {
    const dir = inProject({ 'src/app.ts': 'export const port = 8000\n' })
    const openapi = sluice(['openapi'], dir)
    expect(await openapi.exited).toBe(1)
    expect(openapi.lines).toEqual([
      'src/app.ts exports no app: export it as `export const app = createApp(…)` or as the default export, or name its export with --app',
    ])
  })

  test('a folder with no entry is one line listing where it looked, and exit 1', async () => {
    const openapi = sluice(['openapi'], inProject({}))
    expect(await openapi.exited).toBe(1)
    expect(openapi.lines).toEqual([
      expect.stringMatching(
        /^No app found in .*: name its file \(sluice dev src\/server\.ts\), or put it in one of src\/main\.ts, src\/app\.ts, /,
      ),
    ])
  })
})
