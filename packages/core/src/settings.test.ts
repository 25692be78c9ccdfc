import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { SettingsError, settings } from './index'

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
