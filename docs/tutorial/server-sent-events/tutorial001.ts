// FastAPI docs_src/server_sent_events/tutorial001: a stream of items as server-sent events (`sseRoute`).
import { createApp, sseRoute } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({ name: v.string(), description: v.nullable(v.string()) })

const items = [
  { name: 'Plumbus', description: 'A multi-purpose household device.' },
  { name: 'Portal Gun', description: 'A portal opening device.' },
  { name: 'Meeseeks Box', description: 'A box that summons a Meeseeks.' },
]

/** Sluice names every event; `message` is the name browsers' `onmessage` receives. */
const sseItems = sseRoute('/items/stream', { events: { message: Item } }, async ({ stream }) => {
  for (const item of items) await stream.send('message', item)
})

export const app = createApp({ routes: [sseItems] })
