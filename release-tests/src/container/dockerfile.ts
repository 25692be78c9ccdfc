/*
 * A Dockerfile's build, run without Docker: each stage's filesystem is a folder, RUN is the
 * shell in the mapped WORKDIR, COPY copies from the context (less what .dockerignore names) or
 * from an earlier stage's folder. The steps are read from the Dockerfile itself, so the test
 * runs what the image runs, not a second copy of it. What the base image and the host provide
 * (apt-get, a global npm install) is not run; `hostSteps` lists what was left out.
 */
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { basename, join, posix, relative } from 'node:path'
import { run } from '../processes'

/** One instruction: its keyword, upper-case, and the rest of its (joined) lines. */
export interface Instruction {
  readonly keyword: string
  readonly args: string
}

export interface Stage {
  /** The base image (`node:20-slim`). */
  readonly from: string
  /** The `AS` name, if any. */
  readonly name?: string
  readonly instructions: readonly Instruction[]
}

/** The stages of a Dockerfile: line continuations joined, comments and parser directives dropped. */
export function parseDockerfile(text: string): Stage[] {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)
  const stages: { from: string; name?: string; instructions: Instruction[] }[] = []
  for (const line of lines) {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    const [, word, rest] = /^(\S+)\s*(.*)$/.exec(trimmed)!
    const keyword = word!.toUpperCase()
    const args = rest!.replace(/\s+/g, ' ').trim()
    if (keyword === 'FROM') {
      const [from, as, name] = args.split(' ')
      stages.push({ from: from!, ...(as?.toUpperCase() === 'AS' && { name }), instructions: [] })
    } else {
      const stage = stages.at(-1)
      if (!stage) throw new Error(`${keyword} before the first FROM`)
      stage.instructions.push({ keyword, args })
    }
  }
  return stages
}

/** The exec form of CMD, ENTRYPOINT and HEALTHCHECK CMD (a JSON array); the shell form is refused. */
export function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args)
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string'))
    throw new Error(`not an exec form: ${args}`)
  return parsed
}

/** `--name=value` flags at the start of `args`, and the words after them. */
function flagsOf(args: string): { flags: Record<string, string>; words: string[] } {
  const flags: Record<string, string> = {}
  const words = args.split(' ')
  while (words[0]?.startsWith('--')) {
    const [name, value = ''] = words.shift()!.slice(2).split('=')
    flags[name!] = value
  }
  return { flags, words }
}

/** A .dockerignore pattern as a RegExp over context-relative paths (Docker anchors at the root). */
function ignorePattern(pattern: string): RegExp {
  let source = ''
  const glob = posix.normalize(pattern.replace(/^\//, ''))
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?'
      i += 2
    } else if (glob.startsWith('**', i)) {
      source += '.*'
      i += 1
    } else if (char === '*') source += '[^/]*'
    else if (char === '?') source += '[^/]'
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}

/** Whether .dockerignore leaves `path` (or a folder above it) out of the context. */
export function dockerignored(patterns: readonly string[]): (path: string) => boolean {
  if (patterns.some((pattern) => pattern.startsWith('!')))
    throw new Error('exceptions (!) in .dockerignore are not supported by this test')
  const regexps = patterns.map(ignorePattern)
  return (path) => {
    const parts = path.split('/')
    return parts.some((_, end) => {
      const prefix = parts.slice(0, end + 1).join('/')
      return regexps.some((regexp) => regexp.test(prefix))
    })
  }
}

function readIgnore(context: string): string[] {
  const file = join(context, '.dockerignore')
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

/** Copies the context into `dest`, skipping what .dockerignore names (folders are not entered). */
function copyContext(context: string, dest: string) {
  const ignored = dockerignored(readIgnore(context))
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const from = join(dir, entry.name)
      const path = relative(context, from).split('\\').join('/')
      if (ignored(path)) continue
      if (entry.isDirectory()) walk(from)
      else cpSync(from, join(dest, path), { verbatimSymlinks: true })
    }
  }
  walk(context)
}

/**
 * COPY, as Docker does it: from the context (what .dockerignore names is not there) or from an
 * earlier stage's folder; a folder's contents, not the folder; into `dest` when it ends with
 * `/` or there are several sources, else to `dest` itself.
 */
function copy(
  args: string,
  where: {
    context: string
    stages: ReadonlyMap<string, string>
    stage: string
    workdir: string
  },
) {
  const { flags, words } = flagsOf(args)
  const unknown = Object.keys(flags).filter((flag) => flag !== 'from')
  if (unknown.length > 0) throw new Error(`COPY --${unknown[0]}: not supported by this test`)
  const destination = words.pop()!
  const dest = join(where.stage, posix.resolve(where.workdir, destination))
  const into = destination.endsWith('/') || words.length > 1
  const ignored = dockerignored(readIgnore(where.context))
  for (const source of words) {
    let from: string
    if (flags.from !== undefined) {
      const stage = where.stages.get(flags.from)
      if (!stage) throw new Error(`COPY --from=${flags.from}: no such stage`)
      from = join(stage, source)
    } else if (source === '.') {
      copyContext(where.context, dest)
      continue
    } else {
      if (ignored(posix.normalize(source)))
        throw new Error(`COPY ${source}: .dockerignore excludes it`)
      from = join(where.context, source)
    }
    if (!existsSync(from)) throw new Error(`COPY ${source}: not found`)
    const target = into && !statSync(from).isDirectory() ? join(dest, basename(source)) : dest
    cpSync(from, target, { recursive: true, verbatimSymlinks: true })
  }
}

/** What the last stage leaves: the container to start, as `docker run` would. */
export interface Image {
  /** The stage's WORKDIR, mapped into its folder: where the container starts. */
  readonly workdir: string
  readonly env: Readonly<Record<string, string>>
  /** `USER` as uid and gid, when numeric. */
  readonly user?: { readonly uid: number; readonly gid: number }
  readonly entrypoint: readonly string[]
  readonly cmd: readonly string[]
  /** HEALTHCHECK's exec-form command. */
  readonly healthcheck?: readonly string[]
  readonly exposed: readonly string[]
  /** RUN commands the host provides instead (see `BuildOptions.host`). */
  readonly hostSteps: readonly string[]
}

export interface BuildOptions {
  /** The build context (the folder `docker build` is given). */
  readonly context: string
  /** An empty folder: each stage's filesystem goes into a folder of it. */
  readonly root: string
  /** The environment RUN commands get, besides the Dockerfile's ENV. */
  readonly env: NodeJS.ProcessEnv
}

/** `npm install -g name@version`: a shim of `name` on PATH that runs it through npx. */
function globalInstall(command: string, bin: string): boolean {
  const match = /^npm (?:install|i) -g ((?:@[^/\s]+\/)?([^@\s]+)@\S+)$/.exec(command)
  if (!match) return false
  const [, spec, name] = match
  writeFileSync(join(bin, name!), `#!/bin/sh\nexec npx -y ${spec} "$@"\n`)
  chmodSync(join(bin, name!), 0o755)
  return true
}

/**
 * Builds `dockerfile`'s stages in `root` and returns the last one as an image to start. A RUN
 * that installs system packages (apt-get) is left to the host, which has them; `npm install -g`
 * becomes an npx shim on PATH. Every other RUN must keep its paths relative to WORKDIR.
 */
export async function buildDockerfile(dockerfile: string, options: BuildOptions): Promise<Image> {
  const stages = parseDockerfile(readFileSync(dockerfile, 'utf8'))
  const bin = join(options.root, 'host-bin')
  mkdirSync(bin, { recursive: true })
  const folders = new Map<string, string>()
  const hostSteps: string[] = []
  let image: Image | undefined
  for (const [index, stage] of stages.entries()) {
    const fs = join(options.root, `stage-${index}`)
    mkdirSync(fs, { recursive: true })
    folders.set(String(index), fs)
    if (stage.name) folders.set(stage.name, fs)
    const at = (path: string) => join(fs, path)
    let workdir = '/'
    const env: Record<string, string> = {}
    let user: Image['user']
    let entrypoint: string[] = []
    let cmd: string[] = []
    let healthcheck: string[] | undefined
    const exposed: string[] = []
    for (const { keyword, args } of stage.instructions) {
      switch (keyword) {
        case 'WORKDIR':
          workdir = posix.resolve(workdir, args)
          mkdirSync(at(workdir), { recursive: true })
          break
        case 'ENV':
          if (!/^\w+=[^\s"'$]*( \w+=[^\s"'$]*)*$/.test(args))
            throw new Error(`ENV ${args}: only unquoted KEY=value pairs are supported`)
          for (const pair of args.split(' ')) {
            const [key, ...value] = pair.split('=')
            env[key!] = value.join('=')
          }
          break
        case 'RUN': {
          const commands = args.split(' && ')
          if (commands[0]!.startsWith('apt-get ')) {
            hostSteps.push(args)
            break
          }
          if (globalInstall(args, bin)) {
            hostSteps.push(args)
            break
          }
          if (/(^|\s)\/(?!dev\/null)/.test(args))
            throw new Error(`RUN with an absolute path cannot be run outside Docker: ${args}`)
          const PATH = `${bin}:${options.env.PATH}`
          await run(args, at(workdir), { ...options.env, ...env, PATH })
          break
        }
        case 'COPY':
          copy(args, { context: options.context, stages: folders, stage: fs, workdir })
          break
        case 'USER': {
          const [uid, gid = uid] = args.split(':')
          if (!/^\d+$/.test(uid!) || !/^\d+$/.test(gid!))
            throw new Error(`USER ${args}: numeric uid:gid expected`)
          user = { uid: Number(uid), gid: Number(gid) }
          break
        }
        case 'EXPOSE':
          exposed.push(...args.split(' '))
          break
        case 'HEALTHCHECK': {
          const { words } = flagsOf(args)
          if (words[0] !== 'CMD') throw new Error(`HEALTHCHECK ${args}: CMD expected`)
          healthcheck = execForm(words.slice(1).join(' '))
          break
        }
        case 'ENTRYPOINT':
          entrypoint = execForm(args)
          break
        case 'CMD':
          cmd = execForm(args)
          break
        default:
          throw new Error(`${keyword}: not an instruction this test knows how to run`)
      }
    }
    image = {
      workdir: at(workdir),
      env,
      ...(user && { user }),
      entrypoint,
      cmd,
      ...(healthcheck && { healthcheck }),
      exposed,
      hostSteps,
    }
  }
  if (!image) throw new Error(`${dockerfile} has no stage`)
  return image
}

/** `docker run`'s command as one line for the shell (the exec form's words, quoted). */
export function commandLine(words: readonly string[]): string {
  return words.map((word) => `'${word.replaceAll("'", `'\\''`)}'`).join(' ')
}

/** Whether this process may start the container's process as its USER (it must be root). */
export const isRoot = process.getuid?.() === 0

/** The folders above `path` must be enterable by the container's user (mkdtemp makes them 0700). */
export function openTo(path: string) {
  chmodSync(path, 0o755)
}
