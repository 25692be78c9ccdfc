/**
 * Turning the monorepo's todo app manifest into one that installs from the registry:
 * `workspace:` ranges become the published versions, and the `@sluice/source` condition
 * (which makes workspace packages resolve to their TypeScript sources) leaves every script.
 */

/** The fields of a package.json this generator reads and writes. */
export interface PackageJson {
  name?: string
  version?: string
  private?: boolean
  scripts?: Record<string, string>
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  [field: string]: unknown
}

/** The export condition workspace packages resolve to their sources with; monorepo-only. */
export const SOURCE_CONDITION = '@sluice/source'

/**
 * A `workspace:` range as a registry range on the version the workspace holds:
 * `workspace:*` and `workspace:^` become `^1.2.3`, `workspace:~` becomes `~1.2.3`,
 * any other range stays. Throws for a workspace package it does not know.
 *
 * @example
 * ```ts
 * registryRange('@sluice/core', 'workspace:*', { '@sluice/core': '0.1.0' }) // '^0.1.0'
 * ```
 */
export function registryRange(
  name: string,
  range: string,
  versions: Readonly<Record<string, string>>,
): string {
  if (!range.startsWith('workspace:')) return range
  const version = versions[name]
  if (!version)
    throw new Error(`${name} is a workspace dependency, but no workspace package has that name`)
  const wanted = range.slice('workspace:'.length)
  return wanted === '~' ? `~${version}` : `^${version}`
}

/**
 * A script with the source condition removed: from `--conditions=` flags and from
 * `*_CONDITIONS=` variables, dropping a flag or variable left empty.
 *
 * @example
 * ```ts
 * withoutSourceCondition('tsx --conditions=@sluice/source src/main.ts') // 'tsx src/main.ts'
 * ```
 */
export function withoutSourceCondition(script: string): string {
  return script
    .split(' ')
    .map((word) => {
      const match = /^(--conditions=|[A-Z_]*CONDITIONS=)(.*)$/.exec(word)
      if (!match) return word
      const kept = match[2]!.split(',').filter((condition) => condition !== SOURCE_CONDITION)
      // Wrangler's build conditions without ours are its defaults: the variable says nothing.
      if (kept.length === 0 || match[1] !== '--conditions=') return ''
      return `${match[1]}${kept.join(',')}`
    })
    .filter((word) => word !== '')
    .join(' ')
}

function rewriteRanges(
  dependencies: Record<string, string> | undefined,
  versions: Readonly<Record<string, string>>,
) {
  if (!dependencies) return undefined
  return Object.fromEntries(
    Object.entries(dependencies).map(([name, range]) => [
      name,
      registryRange(name, range, versions),
    ]),
  )
}

/**
 * The manifest a generated project gets from a workspace app's: registry ranges,
 * scripts without the source condition, and `extra` merged in (scripts and
 * dependencies the app takes from the monorepo's root, such as `test`).
 *
 * @example
 * ```ts
 * const manifest = publishedManifest(todoApp, versions, { scripts: { test: 'vitest run' } })
 * ```
 */
export function publishedManifest(
  source: PackageJson,
  versions: Readonly<Record<string, string>>,
  extra: Pick<PackageJson, 'scripts' | 'dependencies' | 'devDependencies'> = {},
): PackageJson {
  const scripts = Object.fromEntries(
    Object.entries(source.scripts ?? {}).map(([name, script]) => [
      name,
      withoutSourceCondition(script),
    ]),
  )
  const sorted = (entries: Record<string, string>) =>
    Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)))
  return {
    ...source,
    scripts: { ...scripts, ...extra.scripts },
    dependencies: sorted({
      ...rewriteRanges(source.dependencies, versions),
      ...extra.dependencies,
    }),
    devDependencies: sorted({
      ...rewriteRanges(source.devDependencies, versions),
      ...extra.devDependencies,
    }),
  }
}
