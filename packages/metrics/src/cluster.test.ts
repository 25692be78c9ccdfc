import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const fixture = fileURLToPath(new URL('./fixtures/cluster-app.ts', import.meta.url))
const port = 20000 + Math.floor(Math.random() * 400)
const url = `http://127.0.0.1:${port}`

/** The value of `http_requests_total` for the item route in one scrape's text. */
const itemRequests = (text: string) =>
  Number(/^http_requests_total\{[^}]*route="\/items\/:id"[^}]*\} (\d+)$/m.exec(text)?.[1] ?? 0)

describe('metrics under node:cluster', () => {
  let primary: ChildProcess

  beforeAll(async () => {
    primary = spawn(process.execPath, ['--import', 'tsx', '--conditions=@sluice/source', fixture], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { ...process.env, PORT: String(port) },
    })
    let output = ''
    await new Promise<void>((resolve, reject) => {
      primary.stdout?.on('data', (chunk: Buffer) => {
        output += chunk
        if (output.includes('listening')) resolve()
      })
      primary.stderr?.on('data', (chunk: Buffer) => {
        output += chunk
      })
      primary.on('exit', () => reject(new Error(`the cluster exited:\n${output}`)))
    })
  }, 30_000)

  afterAll(() => {
    primary?.kill()
  })

  it('answers every scrape with the requests of every worker, whichever worker takes it', async () => {
    const pids = new Set<number>()
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${url}/items/${i}`)
      pids.add(((await res.json()) as { pid: number }).pid)
    }
    // Both workers answered some requests (the primary hands out connections round-robin).
    expect(pids.size).toBe(2)

    const scrapes = await Promise.all(
      Array.from({ length: 6 }, async () => (await fetch(`${url}/metrics`)).text()),
    )
    for (const text of scrapes) expect(itemRequests(text)).toBe(20)
  })
})
