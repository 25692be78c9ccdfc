/*
 * The todo API in a network namespace of its own, so a test can reach it from
 * many IPv6 addresses without touching the machine's interfaces: `unshare -rn`
 * gives the server a private loopback, the test's addresses are added to that
 * loopback only, and the clients join the namespace with `nsenter`. All of it
 * disappears with the server's process.
 */
import { execFile, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { SourcedRequest } from './from-address'
import { APP_DIR, NODE_MAIN, type ServerProcess, spawnServer } from './process'

const CLIENT = fileURLToPath(new URL('./netns-client.ts', import.meta.url))

/**
 * Why a namespace cannot be made here (no user namespaces, no CAP_NET_ADMIN), or
 * `undefined` when it can: tests skip with this message, CI runs them as root.
 */
export const namespaceUnavailable: string | undefined = (() => {
  const probe = spawnSync('unshare', ['-rn', 'ip', 'link', 'set', 'lo', 'up'], {
    encoding: 'utf8',
  })
  if (probe.status === 0) return undefined
  return `cannot create a network namespace (unshare -rn): ${probe.error?.message ?? probe.stderr.trim()}`
})()

/**
 * Starts the todo API (as `pnpm start` runs it) in a new network namespace whose
 * loopback carries `addresses` (IPv6, each /64), listening on the first of them.
 *
 * @example
 * ```ts
 * const server = serverInNamespace(['2001:db8::1', '2001:db8::2'], { DATABASE_URL: file, JWT_SECRET: secret })
 * const url = await server.listening // http://[2001:db8::1]:port
 * ```
 */
export function serverInNamespace(
  addresses: readonly string[],
  env: Record<string, string>,
): ServerProcess {
  // nodad: usable at once, instead of after duplicate address detection.
  const setup = [
    'ip link set lo up',
    ...addresses.map((address) => `ip addr add ${address}/64 dev lo nodad`),
    'exec "$0" "$@"',
  ].join(' && ')
  return spawnServer('unshare', ['-rn', 'sh', '-c', setup, process.execPath, ...NODE_MAIN], {
    HOST: addresses[0] as string,
    ...env,
  })
}

/**
 * Sends `requests` one after another from inside the server's namespace, each
 * from its own source address, and resolves with their statuses in order.
 */
export async function requestsFrom(
  server: ServerProcess,
  url: string,
  requests: readonly SourcedRequest[],
): Promise<number[]> {
  const { stdout } = await promisify(execFile)(
    'nsenter',
    [
      `--target=${server.child.pid}`,
      '--user',
      '--net',
      '--preserve-credentials',
      process.execPath,
      '--import',
      'tsx',
      CLIENT,
      url,
      JSON.stringify(requests),
    ],
    { cwd: APP_DIR, timeout: 120_000 },
  )
  return JSON.parse(stdout) as number[]
}
