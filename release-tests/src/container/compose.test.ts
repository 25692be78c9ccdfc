/*
 * apps/todo-api/compose.yaml's service graph, read with a YAML parser: the API starts only once
 * PostgreSQL and Redis report healthy, on the port its image listens on, with variables the app
 * reads and values its settings accept.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadSettings } from '../../../apps/todo-api/src/settings'
import { APP, interpolate, readYaml, SETTING_NAMES } from './deploy-files'
import { parseDockerfile } from './dockerfile'

interface Service {
  build?: { context: string; dockerfile: string }
  image?: string
  ports?: string[]
  environment?: Record<string, string>
  depends_on?: Record<string, { condition: string }>
  healthcheck?: { test: string[] }
}

const compose = readYaml('compose.yaml') as { services: Record<string, Service> }
const { api, postgres, redis } = compose.services
const JWT_SECRET = randomBytes(48).toString('base64')
/** The API's environment as compose hands it over, with JWT_SECRET given. */
const apiEnv = Object.fromEntries(
  Object.entries(api?.environment ?? {}).map(([name, value]) => [
    name,
    interpolate(value, { JWT_SECRET }),
  ]),
)

describe('compose.yaml', () => {
  test('has the API, PostgreSQL and Redis', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'postgres', 'redis'])
  })

  test('PostgreSQL and Redis are health-checked, and the API waits until both are healthy', () => {
    expect(postgres?.healthcheck?.test).toEqual(
      expect.arrayContaining(['pg_isready', '--host=127.0.0.1']),
    )
    expect(redis?.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping'])
    expect(api?.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    })
  })

  test('builds the API from its Dockerfile and publishes the port the image exposes', () => {
    const dockerfile = resolve(APP, api!.build!.context, api!.build!.dockerfile)
    expect(dockerfile).toBe(join(APP, 'Dockerfile'))
    const exposed = parseDockerfile(readFileSync(dockerfile, 'utf8'))
      .at(-1)!
      .instructions.filter((instruction) => instruction.keyword === 'EXPOSE')
      .map((instruction) => instruction.args)
    expect(api?.ports).toEqual(exposed.map((port) => `${port}:${port}`))
    expect(existsSync(resolve(APP, api!.build!.context, '.dockerignore'))).toBe(true)
  })

  test('gives the API only variables its settings read, with values they accept', () => {
    expect(SETTING_NAMES).toEqual(expect.arrayContaining(Object.keys(apiEnv)))
    const settings = loadSettings({ ...apiEnv, NODE_ENV: 'production' })
    expect(settings.JWT_SECRET).toBe(JWT_SECRET)
  })

  test('points the API at the PostgreSQL and Redis services, with their user, password and database', () => {
    const db = Object.fromEntries(
      Object.entries(postgres!.environment!).map(([name, value]) => [name, interpolate(value, {})]),
    )
    const url = new URL(apiEnv.DATABASE_URL!)
    expect(url.protocol).toBe('postgres:')
    expect(url.hostname).toBe('postgres')
    expect(url.username).toBe(db.POSTGRES_USER)
    expect(url.password).toBe(db.POSTGRES_PASSWORD)
    expect(url.pathname).toBe(`/${db.POSTGRES_DB}`)
    expect(new URL(apiEnv.REDIS_URL!).hostname).toBe('redis')
  })

  test('interpolates as compose does: every $ starts a variable', () => {
    // compose rejects a `$` that does not (`$(…)` in a message, say); `$$` is a literal one.
    for (const service of Object.values(compose.services))
      for (const value of Object.values(service.environment ?? {}))
        expect(value.replaceAll('$$', '')).not.toMatch(/\$(?![{\w])/)
  })

  test('refuses to start without a JWT_SECRET', () => {
    expect(() => interpolate(api!.environment!.JWT_SECRET!, {})).toThrow(/JWT_SECRET/)
  })
})
