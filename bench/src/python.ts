/**
 * FastAPI as users deploy it today: FastAPI 0.142 on Pydantic 2 under uvicorn
 * with uvloop and httptools, in a virtual environment the bench builds itself
 * (once; it is kept under `.tmp/venv`) from pip's configured index.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { BENCH_DIR } from './paths'

/** The venv the bench builds, or the one `BENCH_VENV` names. */
export const VENV_DIR = process.env.BENCH_VENV || `${BENCH_DIR}.tmp/venv`
export const VENV_PYTHON = `${VENV_DIR}/bin/python`

/** What the venv holds: `uvicorn[standard]` brings uvloop, httptools and websockets. */
const REQUIREMENTS = ['fastapi==0.142.2', 'uvicorn[standard]', 'pyjwt']

/** Why the venv could not be built, if it could not. */
let venvError: string | undefined

/** Builds the venv unless it already has uvicorn; a failure is remembered and reported per contender. */
export function prepareVenv(): void {
  if (existsSync(`${VENV_DIR}/bin/uvicorn`)) return
  process.stderr.write(`Building the FastAPI venv in ${VENV_DIR} (once; about a minute)\n`)
  try {
    execFileSync('python3', ['-m', 'venv', VENV_DIR], { stdio: ['ignore', 'ignore', 'pipe'] })
    execFileSync(
      `${VENV_DIR}/bin/pip`,
      ['install', '-q', '--retries', '0', '--disable-pip-version-check', ...REQUIREMENTS],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    )
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '')
    const lastLine = stderr.trim().split('\n').at(-1)
    venvError = `the FastAPI venv could not be built (${lastLine || (error as Error).message})`
  }
}

/** Why FastAPI cannot run here, if it cannot. */
export function venvUnavailable(): string | undefined {
  if (venvError) return venvError
  return existsSync(`${VENV_DIR}/bin/uvicorn`) ? undefined : `${VENV_DIR} has no uvicorn`
}

/** The Python side's versions, for the report. */
export function pythonVersions(): [string, string][] {
  const script =
    'import fastapi, uvicorn, pydantic, sys, jwt, httptools, uvloop; print(sys.version.split()[0], fastapi.__version__, uvicorn.__version__, pydantic.VERSION, jwt.__version__, httptools.__version__, uvloop.__version__)'
  let out: string[] = []
  try {
    out = execFileSync(VENV_PYTHON, ['-c', script], { encoding: 'utf8' }).trim().split(' ')
  } catch {
    // Reported below as not installed.
  }
  if (out.length < 7) return [['FastAPI', venvUnavailable() ?? 'not installed']]
  const names = ['Python (venv)', 'fastapi', 'uvicorn', 'pydantic', 'PyJWT', 'httptools', 'uvloop']
  return names.map((name, i) => [name, out[i]!])
}
