import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { postgresDsn, SettingsError, settings } from './index'

const schema = v.object({
  PORT: v.optional(v.pipe(v.number(), v.integer()), 3000),
  DATABASE_URL: v.pipe(v.string(), v.url()),
  DEBUG: v.optional(v.boolean(), false),
  LOG_LEVEL: v.optional(v.picklist(['debug', 'info', 'warn']), 'info'),
  MAX_BYTES: v.optional(v.bigint()),
  STARTS_AT: v.optional(v.date()),
})

function failure(run: () => unknown): SettingsError {
  try {
    run()
  } catch (error) {
    if (error instanceof SettingsError) return error
    throw error
  }
  throw new Error('expected a SettingsError')
}

describe('settings', () => {
  test('converts each variable by its schema type', () => {
    const config = settings(schema, {
      PORT: '8080',
      DATABASE_URL: 'postgres://db.internal/app',
      DEBUG: 'yes',
      LOG_LEVEL: 'warn',
      MAX_BYTES: '9007199254740993',
      STARTS_AT: '2026-01-02T03:04:05Z',
    })
    expect(config).toEqual({
      PORT: 8080,
      DATABASE_URL: 'postgres://db.internal/app',
      DEBUG: true,
      LOG_LEVEL: 'warn',
      MAX_BYTES: 9007199254740993n,
      STARTS_AT: new Date('2026-01-02T03:04:05Z'),
    })
  })

  test('absent optional variables take their defaults, and the result is frozen', () => {
    const config = settings(schema, { DATABASE_URL: 'https://db.example' })
    expect(config).toEqual({
      PORT: 3000,
      DATABASE_URL: 'https://db.example',
      DEBUG: false,
      LOG_LEVEL: 'info',
    })
    expect(Object.isFrozen(config)).toBe(true)
    expect(() => {
      ;(config as { PORT: number }).PORT = 1
    }).toThrow(TypeError)
  })

  test('lists every missing or invalid variable in one error, one per line', () => {
    const error = failure(() =>
      settings(schema, { PORT: 'eighty', DEBUG: 'maybe', LOG_LEVEL: 'loud' }),
    )
    expect(error.name).toBe('SettingsError')
    expect(error.issues.map((issue) => [issue.name, issue.type])).toEqual([
      ['PORT', 'number'],
      ['DATABASE_URL', 'missing'],
      ['DEBUG', 'boolean'],
      ['LOG_LEVEL', 'picklist'],
    ])
    const lines = error.message.split('\n')
    expect(lines[0]).toBe('Invalid settings (4 issues):')
    expect(lines.slice(1)).toEqual([
      '  PORT: Invalid type: Expected number but received "eighty" (from the environment)',
      '  DATABASE_URL: Field required',
      expect.stringMatching(/^ {2}DEBUG: .*"maybe" \(from the environment\)$/),
      expect.stringMatching(/^ {2}LOG_LEVEL: .*"loud" \(from the environment\)$/),
    ])
  })

  test('reads only declared variables, so a strict object ignores the rest of the environment', () => {
    const config = settings(v.strictObject({ HOME: v.string() }), { HOME: '/root', OTHER: 'x' })
    expect(config).toEqual({ HOME: '/root' })
  })

  test('never prints the value of a variable whose name suggests a secret', () => {
    const secrets = {
      JWT_SECRET: 'hunter2-secret-value',
      DB_PASSWORD: 'hunter2-password-value',
      API_TOKEN: 'hunter2-token-value',
      STRIPE_KEY: 'hunter2-key-value',
    }
    const secretSchema = v.object({
      JWT_SECRET: v.pipe(v.string(), v.minLength(32)),
      DB_PASSWORD: v.pipe(v.string(), v.regex(/^\d+$/)),
      API_TOKEN: v.number(),
      STRIPE_KEY: v.pipe(v.string(), v.email()),
    })
    const error = failure(() => settings(secretSchema, secrets))
    expect(error.issues.map((issue) => issue.name)).toEqual(Object.keys(secrets))
    expect(error.message).not.toMatch(/hunter2/)
    expect(JSON.stringify(error.issues)).not.toMatch(/hunter2/)
    expect(error.message).toContain('JWT_SECRET: Invalid min_length: expected >=32 (value hidden)')
    expect(error.message).toContain('API_TOKEN: Invalid number: expected number (value hidden)')
  })

  test('passes non-string values such as Workers bindings to the schema unchanged', () => {
    const bucket = { get: () => null }
    const config = settings(v.object({ BUCKET: v.custom<typeof bucket>((x) => x === bucket) }), {
      BUCKET: bucket,
    })
    expect(config.BUCKET).toBe(bucket)
  })

  test('reads process.env by default', () => {
    process.env.SLUICE_SETTINGS_TEST_PORT = '4321'
    try {
      expect(settings(v.object({ SLUICE_SETTINGS_TEST_PORT: v.number() }))).toEqual({
        SLUICE_SETTINGS_TEST_PORT: 4321,
      })
    } finally {
      delete process.env.SLUICE_SETTINGS_TEST_PORT
    }
  })
})

// What pydantic-settings gives a FastAPI app, read the Sluice way.
describe('empty variables treated as unset (env_ignore_empty)', () => {
  const schema = v.object({
    PORT: v.optional(v.number(), 8000),
    SENTRY_DSN: v.optional(v.pipe(v.string(), v.url())),
  })

  test('an empty variable takes the default, or stays unset, with ignoreEmpty', () => {
    const source = { PORT: '', SENTRY_DSN: '' }
    expect(settings(schema, source, { ignoreEmpty: true })).toEqual({ PORT: 8000 })
  })

  test('an empty variable falls through to the .env file', () => {
    const envFile = { path: '/srv/.env', values: { PORT: '9000' } }
    expect(settings(schema, { PORT: '' }, { ignoreEmpty: true, envFile })).toEqual({ PORT: 9000 })
  })

  test('without it, an empty variable is a value, as before', () => {
    expect(() => settings(schema, { PORT: '' })).toThrow(SettingsError)
  })
})

describe('computed values (@computed_field)', () => {
  test('a transform after the object computes from the variables read', () => {
    const schema = v.pipe(
      v.object({
        POSTGRES_SERVER: v.string(),
        POSTGRES_PORT: v.optional(v.number(), 5432),
        POSTGRES_USER: v.string(),
        POSTGRES_PASSWORD: v.optional(v.string(), ''),
        POSTGRES_DB: v.optional(v.string(), ''),
      }),
      v.transform((s) => ({
        ...s,
        DATABASE_URL: `postgresql://${s.POSTGRES_USER}:${s.POSTGRES_PASSWORD}@${s.POSTGRES_SERVER}:${s.POSTGRES_PORT}/${s.POSTGRES_DB}`,
      })),
    )
    const config = settings(schema, {
      POSTGRES_SERVER: 'db',
      POSTGRES_USER: 'app',
      POSTGRES_PASSWORD: 's3cret',
      POSTGRES_DB: 'app',
      OTHER: 'ignored',
    })
    expect(config.DATABASE_URL).toBe('postgresql://app:s3cret@db:5432/app')
    expect(Object.isFrozen(config)).toBe(true)
    expect(failureNames(() => settings(schema, {}))).toEqual(['POSTGRES_SERVER', 'POSTGRES_USER'])
  })
})

describe('postgresDsn(): the schemes Pydantic’s PostgresDsn accepts', () => {
  const schema = v.object({ DATABASE_URL: postgresDsn() })

  test.each([
    ['postgres://u:p@db:5432/app', 'postgres://u:p@db:5432/app'],
    ['postgresql://u:p@db/app', 'postgresql://u:p@db/app'],
    ['postgresql+psycopg://u:p@db:5432/app', 'postgresql://u:p@db:5432/app'],
    ['postgresql+asyncpg://u:p@db/app', 'postgresql://u:p@db/app'],
  ])('%s is read, without the Python driver, as %s', (url, expected) => {
    expect(settings(schema, { DATABASE_URL: url }).DATABASE_URL).toBe(expected)
  })

  test.each([
    ['mysql://u:p@db/app'],
    ['postgresql+nodriver://u:p@db/app'],
    ['postgresql:///app'],
    ['not a url'],
  ])('%s is refused, the value never printed', (url) => {
    const error = failure(() => settings(schema, { DATABASE_URL: url }))
    expect(error.issues[0]?.name).toBe('DATABASE_URL')
    expect(error.message).not.toContain(url)
    expect(error.message).not.toContain('u:p')
  })
})

function failureNames(run: () => unknown) {
  return failure(run).issues.map((issue) => issue.name)
}
