import { readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { HELLO_APP, project, removeProject, type SluiceProcess, sluice } from './fixtures/sluice'

/** Three processes (the command, tsx watch, the server) on a loaded machine: generous, never relied on. */
const TIMEOUT = 60_000
const LISTENING =
  /^Listening on (http:\/\/127\.0\.0\.1:\d+) \(docs: (http:\/\/127\.0\.0\.1:\d+\/docs)\)$/

const started: SluiceProcess[] = []
const dirs: string[] = []
afterAll(() => {
  for (const process of started) process.killGroup('SIGKILL')
  for (const dir of dirs) removeProject(dir)
})

function run(args: readonly string[], files: Record<string, string>) {
  const dir = project(files)
  dirs.push(dir)
  const process = sluice(args, dir)
  started.push(process)
  return { dir, process }
}

describe('sluice dev', { timeout: TIMEOUT }, () => {
  test('serves src/app.ts with no arguments, logs each request, reloads on a change, and stops on SIGTERM', async () => {
    const { dir, process: dev } = run(['dev', '--port', '0'], { 'src/app.ts': HELLO_APP })
    const [, url, docs] = await dev.line(LISTENING)
    expect(docs).toBe(`${url}/docs`)
    expect(await (await fetch(`${url}/hello?token=secret`)).json()).toEqual({ message: 'hello' })
    expect((await fetch(docs!)).status).toBe(200)
    // The query string, which may carry credentials, is not logged.
    await dev.line(/^GET \/hello 200 \d+\.\d ms$/)
    await dev.line(/^GET \/docs 200 \d+\.\d ms$/)

    const edited = dev.lines.length
    const file = join(dir, 'src/app.ts')
    const changed = readFileSync(file, 'utf8').replace("greeting: 'hello'", "greeting: 'hi'")
    const [, reloaded] = await editUntilReloaded(dev, file, changed, edited)
    expect(await (await fetch(`${reloaded}/hello`)).json()).toEqual({ message: 'hi' })
    // The old server was drained: its app-scoped values disposed and its lifespan ended before the new one started.
    const afterEdit = dev.lines.slice(edited)
    expect(afterEdit.indexOf('pool closed')).toBeLessThan(afterEdit.indexOf('startup'))
    expect(afterEdit.indexOf('teardown')).toBeLessThan(afterEdit.indexOf('startup'))

    dev.child.kill('SIGTERM')
    expect(await dev.exited).toBe(0)
    expect(dev.lines.slice(-2)).toEqual(['pool closed', 'teardown'])
  })

  test('finds src/main.ts and its default export, or the export --app names; Ctrl-C stops it cleanly', async () => {
    const main = HELLO_APP.replace('export const app =', 'export default')
    const { process: dev } = run(['dev', '--port', '0'], { 'src/main.ts': main })
    const [, url] = await dev.line(LISTENING)
    expect((await fetch(`${url}/hello`)).status).toBe(200)
    dev.child.kill('SIGTERM')
    expect(await dev.exited).toBe(0)

    const named = HELLO_APP.replace('export const app =', 'export const api =')
    const { process: other } = run(['dev', 'server.ts', '--app', 'api', '--port', '0'], {
      'server.ts': named,
    })
    await other.line(LISTENING)
    // Ctrl-C: the terminal signals the whole group, and the watcher relays it to the server again.
    other.killGroup('SIGINT')
    expect(await other.exited).toBe(0)
    // Shut down once (the lifespan's teardown is the last word), with no complaint about the second signal.
    expect(other.lines.at(-1)).toBe('teardown')
    expect(other.lines.filter((line) => line === 'teardown')).toHaveLength(1)
  })

  test('a busy port is one line naming --port, and exit 1', async () => {
    const holder = createServer()
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
    const { port } = holder.address() as { port: number }
    try {
      const { process: dev } = run(['dev', '--port', String(port)], { 'src/app.ts': HELLO_APP })
      expect(await dev.exited).toBe(1)
      expect(dev.lines).toEqual([
        `Port ${port} is already in use: stop what is using it, or pick another with --port.`,
      ])
    } finally {
      holder.close()
    }
  })
})

/**
 * Writes `text` to `file` until the server says it listens again. tsx watch
 * does not tell when it has started watching a file, so on a loaded machine the
 * first write may come before the watch. A reload takes a few seconds even on a
 * loaded machine, so none within 15 s means the write was missed: write it again.
 */
async function editUntilReloaded(
  dev: SluiceProcess,
  file: string,
  text: string,
  from: number,
): Promise<RegExpMatchArray> {
  const reloaded = dev.line(LISTENING, from)
  for (let attempt = 0; attempt < 4; attempt++) {
    writeFileSync(file, text)
    const seen = await Promise.race([
      reloaded,
      new Promise<undefined>((resolve) => setTimeout(resolve, 15_000)),
    ])
    if (seen) return seen
  }
  return reloaded
}
