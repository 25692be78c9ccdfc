import * as v from 'valibot'
import { expectTypeOf, test } from 'vitest'
import { type SettingsError, settings } from './index'

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
