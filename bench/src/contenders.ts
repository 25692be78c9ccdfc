/** The contenders, in report order; each is a server the runner starts on its own core. */
import { existsSync } from 'node:fs'
import { buildErrors } from './build'
import { BENCH_DIR, DIST_DIR } from './paths'
import { VENV_PYTHON, venvUnavailable } from './python'

export interface Contender {
  /** Short name, also the server's file name in `src/servers`. */
  readonly id: string
  readonly label: string
  /** The command that starts it on `port`, once built (Node servers read `PORT` from the environment). */
  readonly command: (port: number) => string[]
  /** Why it cannot run here, if it cannot. */
  readonly unavailable?: () => string | undefined
  readonly cwd?: string
  /** Extra environment variables. */
  readonly env?: Readonly<Record<string, string>>
}

export { BENCH_DIR, DIST_DIR }

const nodeServer = (id: string, label: string): Contender => ({
  id,
  label,
  command: () => [process.execPath, bundlePath(id)],
  unavailable: () => notBuilt(id),
})

/** The bundle of a Node server in `src/servers`. */
export const bundlePath = (id: string): string => `${DIST_DIR}${id}.mjs`

/** Why a server's bundle is missing, if it is. */
export function notBuilt(id: string): string | undefined {
  if (existsSync(bundlePath(id))) return undefined
  return `its bundle could not be built: ${buildErrors.get(id) ?? 'dist file missing'}`
}

/** FastAPI 0.142 under uvicorn (one worker, uvloop + httptools, no access log) from the bench's venv; `app` is `module:attribute`. */
export const fastapiServer = (
  id: string,
  app: string,
  env?: Readonly<Record<string, string>>,
): Contender => ({
  id,
  label: 'FastAPI 0.142 (uvicorn, 1 worker)',
  cwd: `${BENCH_DIR}fastapi`,
  ...(env && { env }),
  command: (port) => [
    VENV_PYTHON,
    ...['-m', 'uvicorn', app, '--host', '127.0.0.1', '--port', String(port)],
    ...['--loop', 'uvloop', '--http', 'httptools', '--log-level', 'warning', '--no-access-log'],
  ],
  unavailable: venvUnavailable,
})

/** The baseline every ratio is computed against. */
export const BASELINE = 'hono'

export const CONTENDERS: readonly Contender[] = [
  nodeServer('node-http', 'node:http + hand validation (ceiling)'),
  nodeServer('hono', 'Hono + hand validation (baseline)'),
  nodeServer('hono-valibot', 'Hono + @hono/valibot-validator'),
  nodeServer('hono-openapi', 'hono-openapi (valibot)'),
  nodeServer('zod-openapi', '@hono/zod-openapi'),
  nodeServer('fastify', 'Fastify 5 + TypeBox'),
  nodeServer('sluice', 'Sluice'),
  fastapiServer('fastapi', 'items:app'),
]
