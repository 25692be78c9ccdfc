import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { postgresDsn, SettingsError, settings } from './index'

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

function failure(run: () => unknown): SettingsError {
  try {
    run()
  } catch (error) {
    if (error instanceof SettingsError) return error
    throw error
  }
  throw new Error('expected a SettingsError')
}

function failureNames(run: () => unknown) {
  return failure(run).issues.map((issue) => issue.name)
}
