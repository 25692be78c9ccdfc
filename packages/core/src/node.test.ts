import { type ChildProcess, spawn } from 'node:child_process'
import { EventEmitter, once } from 'node:events'
import { connect, createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { createNodeWebSocket } from '@hono/node-ws'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { HANDSHAKE } from '../test-fixtures/realtime'
import { createApp, depends, HTTPException, route, websocketRoute } from './index'
import { serve } from './node'

/** A promise with its resolver outside, to hold a request open until the test lets it go. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { open, opened }
}

describe('serve', () => {
  test('starts the app, then answers requests over TCP on the bound port', async () => {
    const events: string[] = []
    const app = createApp({
      routes: [
        route.get('/hello/:name', { params: v.object({ name: v.string() }) }, ({ params }) => ({
          hello: params.name,
        })),
      ],
      *lifespan() {
        events.push('startup')
        yield
      },
    })
    const server = await serve(app, { port: 0, hostname: '127.0.0.1', signals: false })
    try {
      expect(events).toEqual(['startup'])
      expect(server.port).toBeGreaterThan(0)
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
      const res = await fetch(`${server.url}/hello/ada`)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ hello: 'ada' })
    } finally {
      await server.close()
    }
  })

  test('close() lets an in-flight request finish, then disposes app dependencies and runs the teardown', async () => {
    const events: string[] = []
    const entered = gate()
    const release = gate()
    const pool = depends(
      async function* () {
        events.push('pool opened')
        yield { query: () => 'rows' }
        events.push('pool closed')
      },
      { scope: 'app' },
    )
    const app = createApp({
      routes: [
        route.get('/slow', { deps: { pool } }, async ({ pool }) => {
          entered.open()
          await release.opened
          events.push('response sent')
          return pool.query()
        }),
      ],
      *lifespan() {
        yield
        events.push('teardown')
      },
    })
    const server = await serve(app, { port: 0, hostname: '127.0.0.1', signals: false })
    // Longer than the test may take: closing can only finish if it drops the idle connection itself.
    server.server.keepAliveTimeout = 60_000
    const response = fetch(`${server.url}/slow`)
    await entered.opened

    let closed = false
    const closing = server.close().then(() => {
      closed = true
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(closed).toBe(false)
    expect(events).toEqual(['pool opened'])
    await expect(fetch(`${server.url}/slow`)).rejects.toThrow()

    release.open()
    const res = await response
    expect(res.status).toBe(200)
    expect(await res.json()).toBe('rows')
    // The kept-alive connection is dropped once idle, not after the keep-alive timeout.
    await closing
    expect(events).toEqual(['pool opened', 'response sent', 'pool closed', 'teardown'])
    expect(server.server.listening).toBe(false)
  })

  test('a port already in use rejects, and the started app is shut down again', async () => {
    const events: string[] = []
    const first = await serve(createApp({ routes: [] }), {
      port: 0,
      hostname: '127.0.0.1',
      signals: false,
    })
    const app = createApp({
      routes: [],
      *lifespan() {
        events.push('startup')
        yield
        events.push('teardown')
      },
    })
    try {
      await expect(
        serve(app, { port: first.port, hostname: '127.0.0.1', signals: false }),
      ).rejects.toThrow(/EADDRINUSE/)
      expect(events).toEqual(['startup', 'teardown'])
    } finally {
      await first.close()
    }
  })
})

const fixture = fileURLToPath(new URL('../test-fixtures/serve-app.ts', import.meta.url))

interface Child {
  readonly process: ChildProcess
  output(): string
  /** Resolves once stdout has printed a line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>
  readonly exited: Promise<number | null>
}

function startChild(env: Record<string, string>): Child {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@sluice/source', fixture],
    { cwd: fileURLToPath(new URL('..', import.meta.url)), env: { ...process.env, ...env } },
  )
  let output = ''
  const listeners = new Set<() => void>()
  const onData = (chunk: Buffer) => {
    output += chunk.toString()
    for (const listener of listeners) listener()
  }
  child.stdout.on('data', onData)
  child.stderr.on('data', onData)
  // `close`, not `exit`: it comes once stdout and stderr are read to the end.
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  return {
    process: child,
    output: () => output,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern)
          if (!match) return
          listeners.delete(check)
          resolve(match)
        }
        listeners.add(check)
        exited.then(() => reject(new Error(`child exited before printing ${pattern}:\n${output}`)))
        check()
      }),
  }
}

describe('serve with WebSockets', () => {
  test('survives a client that resets the connection before its upgrade is refused', async () => {
    const started = new EventEmitter()
    const refuse = depends(async () => {
      started.emit('started')
      await sleep(50)
      throw new HTTPException(401, 'Not authenticated')
    })
    const app = createApp({
      routes: [
        websocketRoute('/ws', { deps: { refuse } }, () => {}),
        route.get('/up', {}, () => 'up'),
      ],
      websocket: (app) => createNodeWebSocket({ app }),
    })
    const server = await serve(app, { port: 0, hostname: '127.0.0.1', signals: false })
    try {
      const client = connect(server.port, '127.0.0.1')
      const headers = Object.entries(HANDSHAKE).map(([name, value]) => `${name}: ${value}\r\n`)
      client.write(`GET /ws HTTP/1.1\r\nHost: localhost\r\n${headers.join('')}\r\n`)
      await once(started, 'started')
      client.resetAndDestroy()
      await sleep(100)
      // @hono/node-ws wrote the 401 to the reset socket, whose error crashed the process.
      expect(await (await fetch(`${server.url}/up`)).json()).toBe('up')
    } finally {
      await server.close()
    }
  })
})

/** serve()'s line once listening: its URL and the docs page's. */
const LISTENING =
  /^Listening on http:\/\/127\.0\.0\.1:(\d+) \(docs: http:\/\/127\.0\.0\.1:\1\/docs\)$/m

describe('serve in a child process', () => {
  test('says in one line where it listens and where its docs are', async () => {
    const child = startChild({})
    const [, port] = await child.waitFor(LISTENING)
    expect((await fetch(`http://127.0.0.1:${port}/docs`)).status).toBe(200)
    child.process.kill('SIGTERM')
    expect(await child.exited).toBe(0)
    expect(child.output()).toMatch(/^Listening on [^\n]*\n(teardown ran\n)?$/)
  }, 20_000)

  test('on a busy port (8000 by default) it says so in one line and exits 1, with no stack', async () => {
    // Port 8000 held here, or already by something else on the machine: busy either way.
    const holder = createServer()
    await new Promise<void>((resolve) => {
      holder.once('error', () => resolve())
      holder.listen(8000, resolve)
    })
    try {
      const child = startChild({ PORT: 'default' })
      expect(await child.exited).toBe(1)
      // The app was started, so it is shut down again: its teardown runs.
      expect(child.output()).toMatch(
        /^(teardown ran\n)?Port 8000 is already in use: stop what is using it, or choose another port\.\n$/,
      )
    } finally {
      holder.close()
    }
  }, 20_000)
})

describe('serve on signals, in a child process', () => {
  test('SIGTERM lets the in-flight request finish, runs the teardown, and exits 0', async () => {
    const child = startChild({ SLOW_MS: '400' })
    const [, port] = await child.waitFor(LISTENING)
    const response = fetch(`http://127.0.0.1:${port}/slow`)
    await child.waitFor(/request started/)
    child.process.kill('SIGTERM')

    const res = await response
    expect(res.status).toBe(200)
    expect(await res.json()).toBe('done')
    expect(await child.exited).toBe(0)
    expect(child.output()).toMatch(/request started\n[\s\S]*teardown ran/)
  }, 20_000)

  test('a request that outlasts the grace period makes the process exit 1 with a message', async () => {
    const child = startChild({ SLOW_MS: 'hang', GRACE_MS: '300' })
    const [, port] = await child.waitFor(LISTENING)
    const response = fetch(`http://127.0.0.1:${port}/slow`).catch((error: unknown) => error)
    await child.waitFor(/request started/)
    child.process.kill('SIGTERM')

    expect(await child.exited).toBe(1)
    expect(child.output()).toContain('Graceful shutdown did not finish within 300 ms; exiting')
    expect(child.output()).not.toContain('teardown ran')
    expect(await response).toBeInstanceOf(Error)
  }, 20_000)
})
