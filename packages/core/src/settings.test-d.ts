import * as v from 'valibot'
import { expectTypeOf, test } from 'vitest'
import { type EnvFile, postgresDsn, type SettingsError, settings } from './index'
import { readEnvFile } from './node'

test('the result is the schema output, read-only', () => {
  const config = settings(
    v.object({
      PORT: v.optional(v.number(), 3000),
      DEBUG: v.optional(v.boolean()),
      DATABASE_URL: v.string(),
      LEVEL: v.picklist(['debug', 'info']),
    }),
  )
  expectTypeOf(config).toEqualTypeOf<
    Readonly<{
      PORT: number
      DEBUG?: boolean | undefined
      DATABASE_URL: string
      LEVEL: 'debug' | 'info'
    }>
  >()
  // @ts-expect-error settings are frozen
  config.PORT = 1
  expectTypeOf<SettingsError['issues'][number]['name']>().toEqualTypeOf<string>()
})

test('only object schemas are accepted', () => {
  // @ts-expect-error a string schema has no variable names
  settings(v.string())
  // @ts-expect-error the source holds variables by name
  settings(v.object({ PORT: v.number() }), 'PORT=1')
})

test('an env file is what readEnvFile gives, possibly nothing', () => {
  const file = readEnvFile('.env')
  expectTypeOf(file).toEqualTypeOf<EnvFile | undefined>()
  settings(v.object({ PORT: v.number() }), process.env, { envFile: file })
  // @ts-expect-error a path is read by readEnvFile, on Node only
  settings(v.object({ PORT: v.number() }), process.env, { envFile: '.env' })
})

test('computed values and postgresDsn() are typed as their output', () => {
  const config = settings(
    v.pipe(
      v.object({ DB_HOST: v.string(), PORT: v.optional(v.number(), 8000), DSN: postgresDsn() }),
      v.transform((s) => ({ ...s, DATABASE_URL: `postgresql://${s.DB_HOST}/app` })),
    ),
    {},
    { ignoreEmpty: true },
  )
  expectTypeOf(config).toEqualTypeOf<
    Readonly<{ DB_HOST: string; PORT: number; DSN: string; DATABASE_URL: string }>
  >()
})
