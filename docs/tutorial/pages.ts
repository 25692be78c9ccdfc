// Generates the tutorial pages: each `<topic>/page.md` becomes `<topic>/README.md` (and a further
// page of a topic, `<topic>/<name>.page.md`, becomes `<topic>/<name>.md`), with the twins' code
// included verbatim and every request's answer obtained from the twin itself, so a page can never
// say what its code does not do. Run from the repository root: `npx tsx docs/tutorial/pages.ts`.
// `pages.test.ts` generates every page again and fails when a committed one differs.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { STATUS_CODES } from 'node:http'
import { dirname, join, posix } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** The folder of the tutorial, whose subfolders are the topics. */
export const tutorialDir = dirname(fileURLToPath(import.meta.url))

/** The hand-written source of a topic's first page, `README.md`. */
const FIRST_SOURCE = 'page.md'
/** The ending of the source of a topic's further pages: `classes.page.md` gives `classes.md`. */
const SOURCE_ENDING = '.page.md'

/** A page of the tutorial: its topic folder, its source and the page generated from it. */
export interface PageFile {
  readonly topic: string
  readonly source: string
  readonly page: string
}

/** Anything with Hono's `request()`: the twin apps. */
interface Requestable {
  request(path: string, init?: RequestInit): Response | Promise<Response>
}

/** A request as a page writes it: `METHOD /path`, then `name: value` headers, then the body. */
export interface PageRequest {
  readonly method: string
  readonly path: string
  readonly headers: readonly (readonly [string, string])[]
  readonly body: string
}

/** Every page of the tutorial, by topic folder, each topic's `README.md` first. */
export function pageFiles(): PageFile[] {
  return readdirSync(tutorialDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((topic) => topicPages(topic))
}

function topicPages(topic: string): PageFile[] {
  const sources = readdirSync(join(tutorialDir, topic)).filter((name) =>
    name.endsWith(SOURCE_ENDING),
  )
  const pages = sources.sort().map((source) => ({
    topic,
    source,
    page: `${source.slice(0, -SOURCE_ENDING.length)}.md`,
  }))
  if (!existsSync(join(tutorialDir, topic, FIRST_SOURCE))) return pages
  return [{ topic, source: FIRST_SOURCE, page: 'README.md' }, ...pages]
}

/**
 * Renders a page from its source. The source is Markdown with two markers, each an HTML
 * comment on lines of its own:
 *
 * - `<!-- twin tutorial001.ts -->` includes a twin's code (or that of a module of a twin, like
 *   `routers/items.ts`) and, if it exports an `app`, makes it the one asked next;
 * - `<!-- code test_main.test.ts -->` includes a file's code without loading it (a test);
 * - `<!-- answer GET /items/foo?short=1 -->` shows the request and the app's real answer. Header
 *   lines (`name: value`) and a body may follow the request line: a body is JSON unless a
 *   `content-type` says otherwise, and `multipart/form-data` takes one part per line,
 *   `name=value`, or `name=@filename:content` for a file (`@filename;type=text/plain:content`
 *   with a content type, as curl writes it).
 *
 * @example
 * ```ts
 * const readme = await renderPage({ topic: 'path-params', source: 'page.md', page: 'README.md' })
 * ```
 */
export async function renderPage({ topic, source: sourceFile, page }: PageFile): Promise<string> {
  const dir = join(tutorialDir, topic)
  const source = readFileSync(join(dir, sourceFile), 'utf8')
  let app: Requestable | undefined
  const out: string[] = [
    `<!-- Generated from ${sourceFile} by docs/tutorial/pages.ts: edit ${sourceFile}, then run \`npx tsx docs/tutorial/pages.ts\`. -->`,
  ]
  for (const block of splitMarkers(source)) {
    if (block.kind === 'text') {
      if (block.text) out.push(block.text)
    } else if (block.kind === 'answer') {
      if (!app) throw new Error(`${topic}/${sourceFile}: an answer before any twin's app`)
      out.push(await answerBlock(app, parseRequest(block.argument)))
    } else if (block.kind === 'code') {
      out.push(codeBlock(dir, block.argument))
    } else {
      const twin = (await loadModule(dir, block.argument)).app
      out.push(twinBlock(dir, block.argument, twin ? topic : undefined))
      app = twin ?? app
    }
  }
  out.push(navigation(topic, page))
  return `${out.join('\n\n')}\n`
}

/** A page's link in the index: `body/` for a topic's README.md, `dependencies/classes.md` for another. */
export const indexLink = (topic: string, page: string) =>
  page === 'README.md' ? `${topic}/` : `${topic}/${page}`

/** The index's links, in its order, with their titles. */
export function indexEntries(): { readonly title: string; readonly link: string }[] {
  const index = readFileSync(join(tutorialDir, 'README.md'), 'utf8')
  return [...index.matchAll(/\[([^\]]+)\]\(([\w-]+\/(?:[\w-]+\.md)?)\)/g)].map((match) => ({
    title: match[1] ?? '',
    link: match[2] ?? '',
  }))
}

/** Links to the pages before and after this one in the index, so a reader can go on. */
function navigation(topic: string, page: string): string {
  const entries = indexEntries()
  const at = entries.findIndex(({ link }) => link === indexLink(topic, page))
  // Every page is one folder deep: in its topic's folder, or a sibling's.
  const relative = (link: string) =>
    link.startsWith(`${topic}/`) ? link.slice(topic.length + 1) || './' : `../${link}`
  const before = entries[at - 1]
  const after = entries[at + 1]
  const links = [
    before && `← [${before.title}](${relative(before.link)})`,
    '[Tutorial](../)',
    after && `[${after.title}](${relative(after.link)}) →`,
  ]
  return `---\n\n${links.filter(Boolean).join(' · ')}`
}

type Block =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'twin' | 'code' | 'answer'; readonly argument: string }

const MARKER = /<!--\s*(twin|code|answer)\s+([\s\S]*?)\s*-->/g

/** Splits a source into its text and its markers, in order. */
function splitMarkers(source: string): Block[] {
  const blocks: Block[] = []
  let last = 0
  for (const match of source.matchAll(MARKER)) {
    blocks.push({ kind: 'text', text: trimLines(source.slice(last, match.index)) })
    blocks.push({ kind: match[1] as 'twin' | 'code' | 'answer', argument: match[2] ?? '' })
    last = match.index + match[0].length
  }
  blocks.push({ kind: 'text', text: trimLines(source.slice(last)) })
  return blocks
}

/** Blocks are joined by one blank line, whatever the source has around its markers. */
const trimLines = (text: string) => text.replace(/^\n+|\s+$/g, '')

function loadModule(dir: string, file: string): Promise<{ app?: Requestable }> {
  return import(pathToFileURL(join(dir, file)).href)
}

/**
 * How a reader runs a twin that exports an app, from the repository's root: the root's `sluice`
 * script is the `sluice` command of `@sluice/cli` (`npx sluice dev app.ts` in a project of your
 * own), run on the workspace's sources.
 */
export const runCommand = (topic: string, file: string) =>
  `npx -y pnpm@10 sluice dev ${posix.join('docs/tutorial', topic, file)}`

/** A twin's code; one that exports an app (`topic` given) says how to run it. */
function twinBlock(dir: string, file: string, topic: string | undefined): string {
  if (!topic) return codeBlock(dir, file)
  const run = `run with \`${runCommand(topic, file)}\`, then open http://127.0.0.1:8000/docs`
  return codeBlock(dir, file, `[\`${file}\`](${file}) (${run})`)
}

function codeBlock(dir: string, file: string, title = `[\`${file}\`](${file})`): string {
  const code = readFileSync(join(dir, file), 'utf8').trimEnd()
  return `${title}:\n\n\`\`\`ts\n${code}\n\`\`\``
}

const HEADER_LINE = /^([A-Za-z0-9-]+):\s*(.*)$/

/** Reads a request marker: the request line, header lines, then the body. */
export function parseRequest(text: string): PageRequest {
  const [requestLine = '', ...rest] = text.split('\n')
  const [method = '', path = ''] = requestLine.trim().split(/\s+/)
  const headers: [string, string][] = []
  let index = 0
  for (; index < rest.length; index++) {
    const match = HEADER_LINE.exec(rest[index] ?? '')
    if (!match) break
    headers.push([(match[1] ?? '').toLowerCase(), match[2] ?? ''])
  }
  const body = rest.slice(index).join('\n').trim()
  if (body && !headers.some(([name]) => name === 'content-type')) {
    headers.push(['content-type', 'application/json'])
  }
  return { method, path, headers, body }
}

/** The `RequestInit` a request marker stands for. */
function requestInit(request: PageRequest): RequestInit {
  const headers = new Headers(request.headers as [string, string][])
  if (!request.body) return { method: request.method, headers }
  if (headers.get('content-type') !== 'multipart/form-data') {
    return { method: request.method, headers, body: request.body }
  }
  headers.delete('content-type') // set again by fetch, with the boundary
  return { method: request.method, headers, body: multipart(request.body) }
}

/** One part per line: `name=value`, or `name=@filename:content` (`name=@filename;type=text/plain:content`) for a file. */
function multipart(body: string): FormData {
  const data = new FormData()
  for (const line of body.split('\n')) {
    const [name = '', value = ''] = splitOnce(line, '=')
    if (!value.startsWith('@')) {
      data.append(name, value)
      continue
    }
    const [file = '', content = ''] = splitOnce(value.slice(1), ':')
    const [filename = '', type = ''] = splitOnce(file, ';type=')
    data.append(name, new File([content], filename, { type }))
  }
  return data
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator)
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)]
}

async function answerBlock(app: Requestable, request: PageRequest): Promise<string> {
  const response = await app.request(request.path, requestInit(request))
  const status = `\`${response.status} ${STATUS_CODES[response.status] ?? ''}\``
  const headers = shownHeaders(response.headers).map((header) => `\`${header}\``)
  const body = await bodyBlock(response)
  return `\`\`\`http\n${requestText(request)}\n\`\`\`\n\n${answerText(status, headers, body)}`
}

/** One header reads inline (`answers 404, x-error: …:`); more are listed. */
function answerText(status: string, headers: readonly string[], body: string): string {
  if (headers.length > 1) {
    const list = headers.map((header) => `- ${header}`).join('\n')
    const rest = body ? `and the body:\n\n${body}` : 'and no body.'
    return `answers ${status} with the headers:\n\n${list}\n\n${rest}`
  }
  const said = [status, ...headers].join(', ')
  return body ? `answers ${said}:\n\n${body}` : `answers ${said}, with no body.`
}

function requestText(request: PageRequest): string {
  const head = [
    `${request.method} ${request.path}`,
    ...request.headers.map(([n, v]) => `${n}: ${v}`),
  ]
  return request.body ? `${head.join('\n')}\n\n${request.body}` : head.join('\n')
}

/** Every header but the length, and the content type unless it is the usual JSON. */
function shownHeaders(headers: Headers): string[] {
  return [...headers]
    .filter(([name]) => name !== 'content-length')
    .filter(([name, value]) => name !== 'content-type' || value !== 'application/json')
    .map(([name, value]) => `${name}: ${value}`)
}

async function bodyBlock(response: Response): Promise<string> {
  const text = await response.text()
  if (!text) return ''
  const type = response.headers.get('content-type') ?? ''
  if (/^application\/([\w.-]+\+)?json\b/.test(type)) {
    return `\`\`\`json\n${prettyJson(JSON.parse(text))}\n\`\`\``
  }
  return `\`\`\`${type.startsWith('text/html') ? 'html' : 'text'}\n${text.trim()}\n\`\`\``
}

/** The width Prettier gives JSON in Markdown: a page is printed as Prettier would print it. */
const LINE = 80

/**
 * JSON as Prettier prints it in a Markdown page, so that formatting the docs changes nothing:
 * objects one key a line, except a nested object of plain values that fits on its line
 * (`"ctx": { "le": 1000 }`); arrays on one line when they fit (`"loc": ["path", "item_id"]`),
 * unless they hold several objects of several keys, which Prettier always breaks.
 * `lead` is the width before the value on its line (its key), `trail` after it (a comma).
 */
export function prettyJson(value: unknown, indent = '', lead = 0, trail = 0): string {
  const inner = `${indent}  `
  const fits = (line: string) => indent.length + lead + line.length + trail <= LINE
  if (Array.isArray(value)) {
    const flat = oneLine(value)
    if (fits(flat) && !alwaysBroken(value)) return flat
    const items = value.map(
      (item, at) => inner + prettyJson(item, inner, 0, at < value.length - 1 ? 1 : 0),
    )
    return `[\n${items.join(',\n')}\n${indent}]`
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
    if (entries.length === 0) return '{}'
    const flat = oneLine(value)
    if (indent && entries.every(([, item]) => isPlain(item)) && fits(flat)) return flat
    const lines = entries.map(([key, item], at) => {
      const name = `${JSON.stringify(key)}: `
      return inner + name + prettyJson(item, inner, name.length, at < entries.length - 1 ? 1 : 0)
    })
    return `{\n${lines.join(',\n')}\n${indent}}`
  }
  return JSON.stringify(value)
}

const isPlain = (value: unknown) => value === null || typeof value !== 'object'

/** Prettier breaks an array of several objects (or arrays) that each have several entries. */
const alwaysBroken = (items: readonly unknown[]) =>
  items.length > 1 &&
  items.every((item) => !isPlain(item) && Object.keys(item as object).length > 1)

/** A value on one line, spaced as Prettier spaces it: `{ "a": [1, 2] }`. */
function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, item]) => `${JSON.stringify(key)}: ${oneLine(item)}`,
    )
    return entries.length ? `{ ${entries.join(', ')} }` : '{}'
  }
  return JSON.stringify(value)
}

/** Writes every page; returns the pages that changed. */
export async function writePages(): Promise<string[]> {
  const changed: string[] = []
  for (const file of pageFiles()) {
    const path = join(tutorialDir, file.topic, file.page)
    const page = await renderPage(file)
    const before = existsSync(path) ? readFileSync(path, 'utf8') : ''
    if (page === before) continue
    writeFileSync(path, page)
    changed.push(`${file.topic}/${file.page}`)
  }
  return changed
}

const CONDITION = '--conditions=@sluice/source'

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // The twins import the workspace packages, which resolve to their sources only under this
  // condition: run again with it rather than ask everyone to remember the flag.
  if (!process.execArgv.includes(CONDITION)) {
    // tsx's own loader flags are in execArgv: the child keeps them.
    const script = fileURLToPath(import.meta.url)
    const child = spawnSync(process.execPath, [...process.execArgv, CONDITION, script], {
      stdio: 'inherit',
    })
    process.exitCode = child.status ?? 1
  } else {
    const changed = await writePages()
    console.log(changed.length ? `wrote ${changed.join(', ')}` : 'every page is up to date')
  }
}
