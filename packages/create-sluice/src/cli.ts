#!/usr/bin/env node
/** `npm create sluice`: asks what is missing, copies the template, prints the next steps. */
import { fileURLToPath } from 'node:url'
import { nextSteps } from './next-steps'
import { parseChoices, USAGE, UsageError } from './options'
import { complete } from './prompt'
import { FolderNotEmptyError, scaffold } from './scaffold'

// From dist/cli.js and from src/cli.ts alike: the templates the build wrote.
const TEMPLATES = fileURLToPath(new URL('../dist/templates', import.meta.url))

try {
  const choices = parseChoices(process.argv.slice(2))
  if (choices.help) {
    console.log(USAGE)
  } else {
    const terminal = {
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    }
    const answers = await complete(choices, terminal)
    const target = scaffold(answers, TEMPLATES)
    console.log(nextSteps(target, answers, process.cwd()))
  }
} catch (error) {
  if (!(error instanceof UsageError || error instanceof FolderNotEmptyError)) throw error
  console.error(`create-sluice: ${error.message}`)
  if (error instanceof UsageError) console.error(`\n${USAGE}`)
  process.exitCode = 2
}
