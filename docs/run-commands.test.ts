/**
 * The commands the docs give for running a sample do what they say, in this
 * repository as a fresh clone has it: every tutorial page's `npx -y pnpm@10
 * sluice dev docs/tutorial/…` names a file that exports an app, and the root's
 * `sluice` script, run as written, serves one and its /docs.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { expect, test } from 'vitest'
import { pageFiles, tutorialDir } from './tutorial/pages'

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))
const RUN = /`npx -y pnpm@10 sluice dev (docs\/[\w./-]+\.ts)`/g

/** Every sample a page says to run, as `[page, file]`. */
const documented = pageFiles().flatMap(({ topic, page }) => {
  const text = readFileSync(join(tutorialDir, topic, page), 'utf8')
  return [...text.matchAll(RUN)].map((match) => [`${topic}/${page}`, match[1] ?? ''] as const)
})

test('every tutorial page says how to run its samples, and each names a file that exports an app', async () => {
  const pagesWithApps = new Set(documented.map(([page]) => page))
  expect(pagesWithApps.size).toBe(pageFiles().length)
  for (const [, file] of documented) {
    expect(existsSync(join(ROOT, file)), file).toBe(true)
    const { app } = (await import(pathToFileURL(join(ROOT, file)).href)) as { app?: unknown }
    expect(app, `${file} exports an app`).toBeDefined()
  }
})

/**
 * Runs `npx -y pnpm@10 sluice <args>` as the root's `sluice` script does (the
 * command pnpm would run), with `--port 0`, and resolves with the URL it
 * prints once listening. `stop()` ends it and the watcher it started.
 */
function sluice(args: readonly string[]) {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>
  }
  const [command = '', ...scriptArgs] = (scripts.sluice ?? '').split(' ')
  expect(command).toBe('node')
  const child = spawn(process.execPath, [...scriptArgs, ...args, '--port', '0'], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, NO_COLOR: '1' },
  })
  const output: string[] = []
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      process.kill(-child.pid, 'SIGTERM')
      await exited
    }
  }
  const listening = new Promise<string>((resolve, reject) => {
    const onLine = (line: string) => {
      output.push(line)
      const url = /^Listening on (http:\/\/\S+)/.exec(line)?.[1]
      if (url) resolve(url)
    }
    createInterface({ input: child.stdout }).on('line', onLine)
    createInterface({ input: child.stderr }).on('line', onLine)
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output.join('\n')}`)))
  })
  return { listening, output, stop }
}

test('the documented command serves a sample: its routes, its /docs', async () => {
  const command = documented.find(([page]) => page === 'path-params/README.md')
  expect(command).toBeDefined()
  const file = command?.[1] ?? ''
  const server = sluice(['dev', file])
  try {
    const url = await server.listening
    expect(await (await fetch(`${url}/items/foo`)).json()).toEqual({ item_id: 'foo' })
    const docs = await fetch(`${url}/docs`)
    expect(docs.status).toBe(200)
    expect(await docs.text()).toContain('swagger-ui')
  } finally {
    await server.stop()
  }
}, 60_000)
