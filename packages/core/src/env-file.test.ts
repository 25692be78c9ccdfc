import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import * as v from 'valibot'
import { afterAll, describe, expect, test } from 'vitest'
import { SettingsError, settings } from './index'
import { readEnvFile } from './node'

const dir = mkdtempSync(join(tmpdir(), 'sluice-env-file-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let files = 0
/** Writes `text` to a new file in the temp dir and returns its path. */
function envFile(text: string): string {
  const path = join(dir, `${++files}.env`)
  writeFileSync(path, text)
  return path
}

const schema = v.object({
  PORT: v.optional(v.pipe(v.number(), v.integer()), 3000),
  DATABASE_URL: v.pipe(v.string(), v.minLength(1)),
  DEBUG: v.optional(v.boolean(), false),
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

describe('readEnvFile', () => {
  test('reads the common dotenv syntax', () => {
    const path = envFile(
      [
        '# a comment',
        'PLAIN=value',
        'export EXPORTED=yes',
        '  INDENTED = spaced  ',
        'DOUBLE="has # hash"',
        "SINGLE='it''s'",
        'MULTI="line one',
        'line two"',
        'ESCAPED="a\\nb"',
        'TRAILING=value # comment',
        'EMPTY=',
        'A LINE WITHOUT AN EQUALS SIGN',
        'AFTER_GARBAGE=kept',
        'WINDOWS=crlf\r',
      ].join('\n'),
    )
    expect(readEnvFile(path)?.values).toEqual({
      PLAIN: 'value',
      EXPORTED: 'yes',
      INDENTED: 'spaced',
      DOUBLE: 'has # hash',
      SINGLE: "it''s",
      MULTI: 'line one\nline two',
      ESCAPED: 'a\nb',
      TRAILING: 'value',
      EMPTY: '',
      AFTER_GARBAGE: 'kept',
      WINDOWS: 'crlf',
    })
  })

  test('resolves a relative path against the working directory, for messages', () => {
    const path = envFile('A=1')
    expect(readEnvFile(relative(process.cwd(), path))?.path).toBe(path)
  })

  test('a missing file is no file, unless it is required', () => {
    const missing = join(dir, 'absent.env')
    expect(readEnvFile(missing)).toBeUndefined()
    expect(() => readEnvFile(missing, { required: true })).toThrow(
      `Cannot read the settings file ${missing}`,
    )
  })

  test('a path that is not a readable file fails even when optional', () => {
    expect(() => readEnvFile(dir)).toThrow(`Cannot read the settings file ${dir}`)
  })
})

describe('settings with an env file', () => {
  test('reads the variables the environment lacks from the file, converted alike', () => {
    const file = readEnvFile(envFile('PORT=8080\nDATABASE_URL=/srv/app.db\nDEBUG=on\n'))
    expect(settings(schema, {}, { envFile: file })).toEqual({
      PORT: 8080,
      DATABASE_URL: '/srv/app.db',
      DEBUG: true,
    })
  })

  test('real environment variables win over the file, also when empty', () => {
    const file = readEnvFile(envFile('PORT=8080\nDATABASE_URL=/from/file.db\n'))
    const config = settings(
      v.object({ PORT: v.number(), DATABASE_URL: v.string() }),
      {
        PORT: '9090',
        DATABASE_URL: '',
      },
      { envFile: file },
    )
    expect(config).toEqual({ PORT: 9090, DATABASE_URL: '' })
  })

  test('the error lists every problem and says where each value came from', () => {
    const path = envFile('PORT=eighty\nDEBUG=maybe\n')
    const error = failure(() =>
      settings(schema, { DEBUG: 'perhaps' }, { envFile: readEnvFile(path) }),
    )
    expect(error.issues.map(({ name, type, origin }) => [name, type, origin])).toEqual([
      ['PORT', 'number', path],
      ['DATABASE_URL', 'missing', undefined],
      ['DEBUG', 'boolean', 'environment'],
    ])
    expect(error.message.split('\n')).toEqual([
      'Invalid settings (3 issues):',
      `  PORT: Invalid type: Expected number but received "eighty" (from ${path})`,
      `  DATABASE_URL: Field required (set neither in the environment nor in ${path})`,
      expect.stringMatching(/^ {2}DEBUG: .*"perhaps" \(from the environment\)$/),
    ])
  })

  test('a secret read from the file is hidden like one from the environment', () => {
    const path = envFile('API_TOKEN=hunter2-token-value\n')
    const error = failure(() =>
      settings(v.object({ API_TOKEN: v.number() }), {}, { envFile: readEnvFile(path) }),
    )
    expect(error.message).not.toContain('hunter2')
    expect(error.message).toContain(
      `API_TOKEN: Invalid number: expected number (value hidden) (from ${path})`,
    )
  })

  test('without a file, nothing changes but the note on where values came from', () => {
    const error = failure(() => settings(schema, { PORT: 'x' }, { envFile: undefined }))
    expect(error.message.split('\n').slice(1)).toEqual([
      '  PORT: Invalid type: Expected number but received "x" (from the environment)',
      '  DATABASE_URL: Field required',
    ])
  })
})
