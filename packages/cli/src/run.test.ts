import { afterAll, describe, expect, test } from 'vitest'
import { HELLO_APP, project, removeProject, type SluiceProcess, sluice } from './fixtures/sluice'

/** Up to three tsx processes starting on a loaded machine: generous, never relied on. */
const TIMEOUT = 90_000

/** HELLO_APP plus `GET /slow`, which answers only once the process has been told to stop: in flight when the signal comes, by construction. */
const SLOW_APP = HELLO_APP.replace(
  "routes: [route.get('/hello'",
  `routes: [
    route.get('/slow', {}, async () => {
      console.log('slow started')
      await new Promise((resolve) => process.once('SIGTERM', resolve))
      return 'done'
    }),
    route.get('/hello'`,
)

const started: SluiceProcess[] = []
const dirs: string[] = []
afterAll(() => {
  for (const process of started) process.killGroup('SIGKILL')
  for (const dir of dirs) removeProject(dir)
})

function start(args: readonly string[], files: Record<string, string>): SluiceProcess {
  const dir = project(files)
  dirs.push(dir)
  const process = sluice(args, dir)
  started.push(process)
  return process
}

describe('sluice run', { timeout: TIMEOUT }, () => {
  test('serves src/app.ts; SIGTERM lets the request in flight finish, runs the shutdown, exits 0', async () => {
    const run = start(['run', '--host', '127.0.0.1', '--port', '0'], { 'src/app.ts': SLOW_APP })
    const [, url] = await run.line(/^Listening on (http:\/\/127\.0\.0\.1:\d+) \(docs: \S+\)$/)
    expect(await (await fetch(`${url}/hello`)).json()).toEqual({ message: 'hello' })
    const slow = fetch(`${url}/slow`)
    await run.line(/^slow started$/)
    run.child.kill('SIGTERM')
    const res = await slow
    expect(await res.json()).toBe('done')
    expect(await run.exited).toBe(0)
    expect(run.lines.slice(-2)).toEqual(['pool closed', 'teardown'])
  })
})

describe('sluice run --workers 2', { timeout: TIMEOUT }, () => {
  test('two workers share the port; one that dies is replaced; SIGTERM drains both and exits 0', async () => {
    const run = start(['run', '--host', '127.0.0.1', '--port', '0', '--workers', '2'], {
      'src/main.ts': SLOW_APP,
    })
    const first = await run.line(/^worker listening: pid=(\d+) url=(\S+)$/)
    const second = await run.line(
      /^worker listening: pid=(\d+) url=(\S+)$/,
      run.lines.indexOf(first.input!) + 1,
    )
    const url = first[2]!
    expect(second[2]).toBe(url)
    expect(await (await fetch(`${url}/hello`)).json()).toEqual({ message: 'hello' })

    const victim = Number(first[1])
    const died = run.lines.length
    process.kill(victim, 'SIGKILL')
    await run.line(
      new RegExp(`^worker exited: pid=${victim} code=null signal=SIGKILL restart_in_ms=\\d+$`),
      died,
    )
    await run.line(/^worker listening: pid=(\d+)/, died)
    expect((await fetch(`${url}/hello`)).status).toBe(200)

    const slow = fetch(`${url}/slow`)
    await run.line(/^slow started$/)
    // To the whole group, as a terminal's Ctrl-C: the workers leave stopping to the primary
    // (the app's own SIGTERM listener is what lets /slow answer).
    run.killGroup('SIGTERM')
    expect(await (await slow).json()).toBe('done')
    expect(await run.exited).toBe(0)
    expect(run.lines).toContain('stopping workers: signal=SIGTERM workers=2')
    expect(run.lines.filter((line) => line === 'teardown')).toHaveLength(2)
  })
})
