/*
 * Run by ./netns.ts inside the server's network namespace: sends the requests
 * given as JSON one after another, each from its own source address, and prints
 * their statuses as a JSON array.
 */
import { requestFrom, type SourcedRequest } from './from-address'

const [url, list] = process.argv.slice(2) as [string, string]

const statuses: number[] = []
for (const each of JSON.parse(list) as SourcedRequest[]) statuses.push(await requestFrom(url, each))
process.stdout.write(JSON.stringify(statuses))
