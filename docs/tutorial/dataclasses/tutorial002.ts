// FastAPI docs_src/dataclasses_/tutorial002: a dataclass as the response model, its defaults filled in.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({
  name: v.string(),
  price: v.number(),
  tags: v.optional(v.array(v.string()), () => []),
  description: v.optional(v.nullable(v.string()), null),
  tax: v.optional(v.nullable(v.number()), null),
})

const readNextItem = route.get('/items/next', { response: Item }, () => ({
  name: 'Island In The Moon',
  price: 12.99,
  description: "A place to be playin' and havin' fun",
  tags: ['breater'],
}))

export const app = createApp({ routes: [readNextItem] })
