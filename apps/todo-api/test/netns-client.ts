/*
 * Run by ./netns.ts inside the server's network namespace: sends the requests
 * given as JSON, each from its own source address (`localAddress`), one after
 * another, and prints their statuses as a JSON array.
 */
import { request } from 'node:http'
import type { SourcedRequest } from './netns'

const [url, list] = process.argv.slice(2) as [string, string]

function send({ from, method, path, form, json }: SourcedRequest): Promise<number> {
  const body = form ? new URLSearchParams(form).toString() : JSON.stringify(json ?? null)
  const type = form ? 'application/x-www-form-urlencoded' : 'application/json'
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, url),
      { method, localAddress: from, headers: { 'content-type': type }, agent: false },
      (res) => {
        res.resume().on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject).end(body)
  })
}

const statuses: number[] = []
for (const each of JSON.parse(list) as SourcedRequest[]) statuses.push(await send(each))
process.stdout.write(JSON.stringify(statuses))
