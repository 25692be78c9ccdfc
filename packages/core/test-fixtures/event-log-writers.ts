/**
 * Run with `node --expose-gc --import tsx --conditions=@sluice/source` by
 * src/realtime/event-log.test.ts: `WRITERS` writers each append `ROUNDS`
 * changes of about 2,000 characters to their own topic of one
 * `memoryEventLog({ maxBytes: MAX_BYTES })`, and the heap is measured after a
 * full GC before the first round and after each one. Prints
 * `{ before, rounds: [heap after round 1, …] }` (bytes) as JSON.
 */
import { memoryEventLog } from '../src/index'

const writers = Number(process.env.WRITERS ?? 10_000)
const rounds = Number(process.env.ROUNDS ?? 6)
const maxBytes = Number(process.env.MAX_BYTES ?? 8 * 1024 * 1024)

const gc = globalThis.gc as () => void
const heap = () => {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

const log = memoryEventLog({ maxBytes })
const description = 'd'.repeat(2000)
const before = heap()
const after: number[] = []
for (let round = 0; round < rounds; round++) {
  for (let writer = 0; writer < writers; writer++) {
    // A new flat string each time, as JSON.stringify gives the todo app: nothing shared between events.
    await log.append(`user:${writer}`, JSON.stringify({ writer, round, description }))
  }
  after.push(heap())
}
console.log(JSON.stringify({ before, rounds: after }))
