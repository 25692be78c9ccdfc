/**
 * Every ```ts block of the guide, the tutorial's index and the README type-checks as
 * written: each is compiled as a module of its own, beside the docs' other
 * code, with the docs' tsconfig, so a reader who copies one gets no error.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { expect, test } from 'vitest'

const DOCS = dirname(fileURLToPath(import.meta.url))
const PAGES = ['guide.md', 'graphql.md', 'jobs.md', 'tutorial/README.md', '../README.md']

/** The ```ts blocks of a page, each with the line it starts on. */
function snippets(page: string): { line: number; code: string }[] {
  const text = readFileSync(join(DOCS, page), 'utf8')
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => ({
    line: text.slice(0, match.index).split('\n').length,
    code: match[1] ?? '',
  }))
}

/** Type-checks the snippets as files beside this one; returns each error as `page:line: message`. */
function typeCheck(files: ReadonlyMap<string, string>): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(DOCS, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
      },
    },
  )
  if (!config) throw new Error('docs/tsconfig.json could not be read')
  const host = ts.createCompilerHost(config.options)
  const read = host.readFile.bind(host)
  const exists = host.fileExists.bind(host)
  host.readFile = (file) => files.get(file) ?? read(file)
  host.fileExists = (file) => files.has(file) || exists(file)
  const program = ts.createProgram([...files.keys()], config.options, host)
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file && files.has(diagnostic.file.fileName))
    .map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
      return `${diagnostic.file?.fileName.slice(DOCS.length + 1)}: ${message}`
    })
}

test('every ts snippet of the guide, the tutorial index and the README type-checks as a module of its own', () => {
  const files = new Map<string, string>()
  for (const page of PAGES) {
    for (const { line, code } of snippets(page)) {
      // Named after its page and line, so an error says where the snippet is.
      files.set(join(DOCS, `${page.replace(/\W/g, '-')}-line-${line}.snippet.ts`), code)
    }
  }
  expect(files.size).toBeGreaterThan(3)
  expect(typeCheck(files)).toEqual([])
}, 60_000)
