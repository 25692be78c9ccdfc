/** The ceiling: raw `node:http`, hand-written routing and validation. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { checkGetItem, checkNewItem } from './hand-validation'
import { HOST, idCounter, PORT } from './port'

const nextId = idCounter()
const ITEM_PATH = /^\/items\/([^/]+)$/

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
      } catch {
        resolve(undefined)
      }
    })
  })
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '/'
  const q = url.indexOf('?')
  const path = q === -1 ? url : url.slice(0, q)
  if (req.method === 'GET') {
    const match = ITEM_PATH.exec(path)
    if (match) {
      const limit = q === -1 ? undefined : new URLSearchParams(url.slice(q + 1)).get('limit')
      const checked = checkGetItem(decodeURIComponent(match[1]!), limit ?? undefined)
      return checked.ok ? send(res, 200, checked.value) : send(res, 422, { detail: checked.issues })
    }
  } else if (req.method === 'POST' && path === '/items') {
    const checked = checkNewItem(await readJson(req))
    return checked.ok
      ? send(res, 201, { id: nextId(), ...checked.value })
      : send(res, 422, { detail: checked.issues })
  }
  send(res, 404, { detail: 'Not Found' })
}

createServer((req, res) => void handle(req, res)).listen(PORT, HOST)
