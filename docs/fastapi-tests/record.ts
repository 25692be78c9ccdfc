// Records FastAPI's answers to one topic's requests. With the topic's app.py served by real FastAPI:
//   ../shared/tools/fastapi-reference docs/fastapi-tests/<topic> app:app 18000
// run from the repository root: `npx tsx docs/fastapi-tests/record.ts <topic> http://127.0.0.1:18000`,
// then commit <topic>/recorded.json.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { requestInit } from '../tutorial/conformance'
import { RECORDED_HEADERS, type Recorded, type Request } from './suite'

async function record(topic: string, base: string): Promise<Recorded[]> {
  const dir = join(import.meta.dirname, topic)
  const requests = JSON.parse(readFileSync(join(dir, 'requests.json'), 'utf8')) as Request[]
  const answers: Recorded[] = []
  for (const request of requests) {
    const [method, path, init] = request
    const response = await fetch(base + path, { ...requestInit(method, init), redirect: 'manual' })
    const text = await response.text()
    const headers = Object.fromEntries(
      RECORDED_HEADERS.flatMap((name) => {
        const value = response.headers.get(name)
        return value === null ? [] : [[name, value]]
      }),
    )
    answers.push({
      request,
      status: response.status,
      ...(isJson(response) && text !== '' ? { body: JSON.parse(text) } : { text }),
      ...(Object.keys(headers).length > 0 && { headers }),
    })
  }
  writeFileSync(join(dir, 'recorded.json'), `${JSON.stringify(answers, null, 2)}\n`)
  return answers
}

const isJson = (response: Response) =>
  response.headers.get('content-type')?.includes('json') === true

if (import.meta.url === `file://${process.argv[1]}`) {
  const [topic, base] = process.argv.slice(2)
  if (!topic || !base) throw new Error('usage: record.ts <topic> <base URL>')
  const answers = await record(topic, base)
  console.log(`${topic}: ${answers.length} answers recorded`)
}
