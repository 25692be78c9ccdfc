import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { expect, test } from 'vitest'

/**
 * No module of core imports itself through others at run time: in a circle, one
 * module runs before another it needs, and sees its exports uninitialized
 * (`route.ts` → `realtime/ws.ts` → `route.ts` once did). `import type` is erased
 * (the repository builds with `verbatimModuleSyntax`, so only those are), and so
 * does not count; the package's `#` imports (conditional files) are left out.
 */
const SRC = dirname(fileURLToPath(import.meta.url))

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return /(?<!\.test|\.test-d|\.d)\.ts$/.test(entry.name) ? [path] : []
  })
}

/** The relative modules a file imports or re-exports at run time. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
  const imported: string[] = []
  for (const statement of source.statements) {
    const typeOnly = ts.isImportDeclaration(statement)
      ? statement.importClause?.isTypeOnly
      : ts.isExportDeclaration(statement) && statement.isTypeOnly
    const specifier = (statement as ts.ImportDeclaration | ts.ExportDeclaration).moduleSpecifier
    if (typeOnly || !specifier || !ts.isStringLiteral(specifier)) continue
    if (specifier.text.startsWith('.'))
      imported.push(join(dirname(file), specifier.text.replace(/(\.js)?$/, '.ts')))
  }
  return imported
}

/** Every circle in the graph, each as the list of files around it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = []
  const done = new Set<string>()
  const path: string[] = []
  const visit = (file: string) => {
    const at = path.indexOf(file)
    if (at >= 0) return void found.push([...path.slice(at), file])
    if (done.has(file)) return
    path.push(file)
    for (const next of graph.get(file) ?? []) visit(next)
    path.pop()
    done.add(file)
  }
  for (const file of graph.keys()) visit(file)
  return found
}

test('no module of core imports itself through others', () => {
  const files = sources(SRC)
  const graph = new Map(files.map((file) => [file, runtimeImports(file)]))
  const named = cycles(graph).map((cycle) => cycle.map((file) => relative(SRC, file)).join(' → '))
  expect(named).toEqual([])
})
