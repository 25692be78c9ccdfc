import { existsSync, readFileSync } from 'node:fs'

export interface ReadmeExample {
  /** The commands of the README's first `sh` block: its install line(s). */
  readonly install: string[]
  /** The README's first `ts` block, as written. */
  readonly code: string
}

/**
 * The install commands and first TypeScript example of a package README, or `undefined` when
 * there is no README or it has no example (create-sluice's README is commands only; the scaffold tests run them).
 *
 * @example
 * ```ts
 * const { install, code } = readmeExample('packages/core/README.md')!
 * ```
 */
export function readmeExample(path: string): ReadmeExample | undefined {
  if (!existsSync(path)) return undefined
  const text = readFileSync(path, 'utf8')
  const block = (lang: string) => new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(text)?.[1]
  const sh = block('sh')
  const code = block('ts')
  if (sh === undefined || code === undefined) return undefined
  const install = sh
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '')
  return { install, code }
}
