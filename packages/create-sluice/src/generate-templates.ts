/*
 * Builds the templates `create-sluice` copies (run by `pnpm build`): `minimal` from
 * templates/minimal, and `todo` from apps/todo-api as it is in this commit, so the
 * starter never drifts from the reference app. Both get registry version ranges.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parseDocument } from 'yaml'
import { importsStayInside } from './local-imports'
import { type PackageJson, publishedManifest } from './package-json'

/** Where things are in the monorepo, and where the built templates go. */
export interface TemplateSources {
  /** The monorepo's root. */
  readonly root: string
  /** The folder of hand-written template files (`minimal/`, and `shared/` added to every template). */
  readonly templates: string
  /** The output folder: `<out>/minimal`, `<out>/todo`. */
  readonly out: string
}

const readJson = (path: string): PackageJson => JSON.parse(readFileSync(path, 'utf8'))

/** The version of every workspace package under `packages/`, by name. */
export function workspaceVersions(root: string): Record<string, string> {
  const versions: Record<string, string> = {}
  for (const folder of readdirSync(join(root, 'packages'))) {
    const manifest = readJson(join(root, 'packages', folder, 'package.json'))
    if (manifest.name && manifest.version) versions[manifest.name] = manifest.version
  }
  return versions
}

/**
 * What a generated project needs that the todo app takes from the monorepo's root: the test
 * runner, the compiler and Node's types, at the root's ranges, and the `sluice` CLI.
 */
function rootTooling(root: string, versions: Record<string, string>) {
  const rootDevDependencies = readJson(join(root, 'package.json')).devDependencies ?? {}
  const pick = (name: string) => {
    const range = rootDevDependencies[name]
    if (!range) throw new Error(`the root package.json has no devDependency ${name}`)
    return range
  }
  return {
    scripts: { test: 'vitest run', typecheck: 'tsc --noEmit' },
    devDependencies: {
      '@types/node': pick('@types/node'),
      typescript: pick('typescript'),
      vitest: pick('vitest'),
    },
    ...(versions['@sluice/cli'] && {
      dependencies: { '@sluice/cli': `^${versions['@sluice/cli']}` },
    }),
  }
}

/**
 * The todo app's files that belong in a project of its own: those git tracks (or would, when
 * new), less `package.json` and `tsconfig.json` (written by the generator) and tests that
 * import from other workspace packages.
 */
export function todoAppFiles(appDir: string): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: appDir,
    encoding: 'utf8',
  })
  const written = new Set(['package.json', 'tsconfig.json', 'README.md'])
  return listed
    .split('\n')
    .filter((file) => file !== '' && !written.has(file))
    .filter((file) => !file.startsWith('test/') || importsStayInside(appDir, join(appDir, file)))
}

/**
 * The todo app's compose.yaml builds from the monorepo's root, where `pnpm deploy` gathers the
 * app; a project of its own builds from its folder, with the template's npm-based Dockerfile.
 * Comments and layout stay as written.
 */
export function standaloneCompose(file: string): void {
  const document = parseDocument(readFileSync(file, 'utf8'))
  if (!document.hasIn(['services', 'api', 'build']))
    throw new Error(`${file} has no services.api.build to point at the project's folder`)
  document.setIn(['services', 'api', 'build'], '.')
  writeFileSync(file, document.toString({ lineWidth: 0, flowCollectionPadding: false }))
}

function writeManifest(dir: string, manifest: PackageJson) {
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
}

/** Writes `<out>/minimal` and `<out>/todo`, replacing what was there. */
export function generateTemplates({ root, templates, out }: TemplateSources): void {
  const versions = workspaceVersions(root)
  const tooling = rootTooling(root, versions)
  rmSync(out, { recursive: true, force: true })

  const minimal = join(out, 'minimal')
  cpSync(join(templates, 'minimal'), minimal, { recursive: true })
  cpSync(join(templates, 'shared'), minimal, { recursive: true })
  writeManifest(
    minimal,
    publishedManifest(readJson(join(minimal, 'package.json')), versions, tooling),
  )

  const appDir = join(root, 'apps', 'todo-api')
  const todo = join(out, 'todo')
  for (const file of todoAppFiles(appDir)) {
    mkdirSync(dirname(join(todo, file)), { recursive: true })
    cpSync(join(appDir, file), join(todo, file))
  }
  cpSync(join(templates, 'shared'), todo, { recursive: true })
  cpSync(join(templates, 'todo'), todo, { recursive: true })
  standaloneCompose(join(todo, 'compose.yaml'))
  writeManifest(todo, publishedManifest(readJson(join(appDir, 'package.json')), versions, tooling))
}
