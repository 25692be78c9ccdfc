/*
 * A real npm registry for the release test: Verdaccio on a free port of 127.0.0.1, its storage
 * in a temporary folder, every package but ours proxied from the registry npm is set up with.
 */
import { execFileSync } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runServer } from 'verdaccio'

export interface Registry {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string
  /** A userconfig file holding a publish token for this registry. */
  readonly npmrc: string
  close(): Promise<void>
}

/** Our names are never proxied: `npm create sluice@latest` must find the packages published here. */
const OURS = ['@sluice/*', 'create-sluice']

/** Starts Verdaccio with an empty storage and a user allowed to publish. */
export async function startRegistry(): Promise<Registry> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-registry-'))
  const upstream = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim()
  const ours = { access: '$all', publish: '$authenticated', unpublish: '$authenticated' }
  const app = await runServer({
    self_path: join(dir, 'config.yaml'),
    storage: join(dir, 'storage'),
    auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 1 } },
    uplinks: { upstream: { url: upstream, timeout: '120s', maxage: '30m' } },
    packages: {
      ...Object.fromEntries(OURS.map((pattern) => [pattern, ours])),
      '**': { access: '$all', publish: '$authenticated', proxy: 'upstream' },
    },
    max_body_size: '200mb',
    log: { type: 'stdout', format: 'pretty', level: 'error' },
    web: { enable: false },
    // biome-ignore lint/suspicious/noExplicitAny: Verdaccio's config type wants fields its parser fills in.
  } as any)
  const server: Server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`

  // npm adduser's request: the first user of an empty htpasswd file is created and gets a token.
  const res = await fetch(`${url}-/user/org.couchdb.user:release`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'release', password: `release-${crypto.randomUUID()}` }),
  })
  if (!res.ok)
    throw new Error(`Verdaccio refused the publishing user: ${res.status} ${await res.text()}`)
  const { token } = (await res.json()) as { token: string }
  const npmrc = join(dir, 'publish.npmrc')
  writeFileSync(npmrc, `registry=${url}\n${url.replace(/^http:/, '')}:_authToken=${token}\n`)

  return {
    url,
    npmrc,
    async close() {
      const closed = once(server, 'close')
      server.close()
      server.closeAllConnections()
      await closed
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
