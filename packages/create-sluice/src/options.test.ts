import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { parseChoices, UsageError } from './options'
import { complete, DEFAULTS } from './prompt'

describe('parseChoices', () => {
  it('reads the folder and every choice from flags', () => {
    expect(parseChoices(['my-api', '--template', 'todo', '--db', 'postgres'])).toEqual({
      directory: 'my-api',
      template: 'todo',
      db: 'postgres',
      help: false,
    })
    expect(parseChoices(['-t', 'minimal'])).toEqual({ template: 'minimal', help: false })
  })

  it.each([
    [['--template', 'huge'], /--template must be one of minimal, todo/],
    [['--db', 'mysql'], /--db must be one of sqlite, postgres/],
    [['--template', 'minimal', '--db', 'postgres'], /minimal has no database/],
    [['a', 'b'], /one directory/],
    [['--colour'], /--colour/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseChoices(argv)).toThrow(UsageError)
    expect(() => parseChoices(argv)).toThrow(message)
  })
})

describe('complete', () => {
  const terminal = (interactive: boolean, answers: string[]) => {
    const input = new PassThrough()
    const output = new PassThrough()
    const lines = [...answers]
    // Each answer is typed once its question (ending in "[default] ") has been printed.
    output.on('data', (chunk: Buffer) => {
      if (!chunk.toString().endsWith('] ')) return
      const next = lines.shift()
      if (next !== undefined) input.write(`${next}\n`)
    })
    return { input, output, interactive }
  }

  it('takes the defaults without a terminal', async () => {
    expect(await complete({ template: 'todo', help: false }, terminal(false, []))).toEqual({
      ...DEFAULTS,
      template: 'todo',
    })
  })

  it('asks for each missing choice, re-asking after a wrong answer', async () => {
    expect(
      await complete({ help: false }, terminal(true, ['shop', 'big', 'todo', 'postgres'])),
    ).toEqual({ directory: 'shop', template: 'todo', db: 'postgres' })
  })

  it('asks no database for the minimal template', async () => {
    expect(await complete({ directory: 'x', help: false }, terminal(true, ['']))).toEqual({
      directory: 'x',
      template: 'minimal',
      db: 'sqlite',
    })
  })
})
