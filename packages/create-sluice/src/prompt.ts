import { createInterface } from 'node:readline/promises'
import { type Choices, DATABASES, type DatabaseKind, TEMPLATES, type Template } from './options'

/** Every choice made: the directory, the template and (for todo) the database. */
export interface Answers {
  directory: string
  template: Template
  db: DatabaseKind
}

export const DEFAULTS: Answers = { directory: 'sluice-app', template: 'minimal', db: 'sqlite' }

/** The questions' input and output; a terminal, or streams in tests. */
export interface Terminal {
  readonly input: NodeJS.ReadableStream
  readonly output: NodeJS.WritableStream
  /** Whether someone can answer: without, missing choices take their defaults. */
  readonly interactive: boolean
}

/**
 * Completes the command line's choices: asks for each missing one on an interactive
 * terminal (Enter takes the default), and takes the defaults otherwise.
 *
 * @example
 * ```ts
 * const answers = await complete(parseChoices(argv), { input: stdin, output: stdout, interactive: stdin.isTTY })
 * ```
 */
export async function complete(choices: Choices, terminal: Terminal): Promise<Answers> {
  if (!terminal.interactive) {
    return {
      directory: choices.directory ?? DEFAULTS.directory,
      template: choices.template ?? DEFAULTS.template,
      db: choices.db ?? DEFAULTS.db,
    }
  }
  const rl = createInterface({ input: terminal.input, output: terminal.output })
  try {
    const pick = async <T extends string>(question: string, allowed: readonly T[], fallback: T) => {
      for (;;) {
        const answer = (
          await rl.question(`${question} (${allowed.join('/')}) [${fallback}] `)
        ).trim()
        if (answer === '') return fallback
        if ((allowed as readonly string[]).includes(answer)) return answer as T
        terminal.output.write(`Please answer one of ${allowed.join(', ')}.\n`)
      }
    }
    const directory =
      choices.directory ??
      ((await rl.question(`Project folder [${DEFAULTS.directory}] `)).trim() || DEFAULTS.directory)
    const template = choices.template ?? (await pick('Template', TEMPLATES, DEFAULTS.template))
    const db =
      choices.db ??
      (template === 'todo' ? await pick('Database', DATABASES, DEFAULTS.db) : DEFAULTS.db)
    return { directory, template, db }
  } finally {
    rl.close()
  }
}
