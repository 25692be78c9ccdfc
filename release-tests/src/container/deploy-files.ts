/*
 * The todo app's deployment files (compose.yaml, k8s/) and what they must agree with: the
 * settings the app reads (apps/todo-api/src/settings.ts) and its Dockerfile.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse, parseAllDocuments } from 'yaml'
import { Settings } from '../../../apps/todo-api/src/settings'

/** apps/todo-api, where the Dockerfile, compose.yaml and k8s/ are. */
export const APP = fileURLToPath(new URL('../../../apps/todo-api/', import.meta.url))

/** Every environment variable the app reads: the keys of its settings schema. */
export const SETTING_NAMES = Object.keys(Settings.pipe[0].entries)

/** One YAML file of the app's folder, parsed. */
export function readYaml(path: string): unknown {
  return parse(readFileSync(join(APP, path), 'utf8'))
}

/** Every document of a multi-document YAML file of the app's folder, parsed. */
export function readYamlDocuments(path: string): unknown[] {
  return parseAllDocuments(readFileSync(join(APP, path), 'utf8')).map((document) => {
    if (document.errors.length > 0) throw document.errors[0]
    return document.toJS()
  })
}

/**
 * Compose's interpolation of `value` with `variables`: `${NAME}`, `${NAME:-default}` and
 * `${NAME:?error}` (which throws, as `docker compose` refuses to start, when NAME is unset).
 */
export function interpolate(value: string, variables: Readonly<Record<string, string>>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind, text) => {
    const set = variables[name]
    if (set !== undefined && set !== '') return set
    if (kind === '-') return text
    if (kind === '?') throw new Error(`${name}: ${text}`)
    return ''
  })
}
