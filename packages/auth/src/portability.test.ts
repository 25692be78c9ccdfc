import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { expect, test } from 'vitest'

const IMPORT = /^(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm

/** Every module specifier reachable from an entry through this package's own files. */
function reachableImports(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string) => {
    if (files.has(file)) return
    files.add(file)
    const source = readFileSync(new URL(`./${file}.ts`, import.meta.url), 'utf8')
    for (const [, specifier] of source.matchAll(IMPORT)) {
      if (specifier!.startsWith('./')) visit(specifier!.slice(2))
      else packages.add(specifier!)
    }
  }
  visit(entry)
  return { files, packages }
}

test('the main entry imports Web-standard code only, so Workers and Deno can load it', () => {
  const { files, packages } = reachableImports('index')
  const builtins = [...packages].filter(
    (name) => name.startsWith('node:') || builtinModules.includes(name),
  )
  expect(builtins).toEqual([])
  expect(files.has('scrypt')).toBe(false)
  expect([...packages].sort()).toEqual(['@sluice/core', 'hono', 'hono/cookie', 'jose', 'valibot'])
})

test('Node-only code is reachable from the node entry', () => {
  const { packages } = reachableImports('node')
  expect(packages.has('node:crypto')).toBe(true)
})
