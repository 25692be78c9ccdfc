// FastAPI docs_src/dataclasses_/tutorial003: nested dataclasses in a body and in responses.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({ name: v.string(), description: v.optional(v.nullable(v.string()), null) })
const Author = v.object({ name: v.string(), items: v.optional(v.array(Item), () => []) })

const createAuthorItems = route.post(
  '/authors/:author_id/items/',
  { params: v.object({ author_id: v.string() }), body: v.array(Item), response: Author },
  ({ params, body }) => ({ name: params.author_id, items: body }),
)

const getAuthors = route.get('/authors/', { response: v.array(Author) }, () => [
  {
    name: 'Breaters',
    items: [
      { name: 'Island In The Moon', description: "A place to be playin' and havin' fun" },
      { name: 'Holy Buddies' },
    ],
  },
  {
    name: 'System of an Up',
    items: [
      { name: 'Salt', description: "The kombucha mushroom people's favorite" },
      { name: 'Pad Thai' },
      { name: 'Lonely Night', description: 'The mostests lonliest nightiest of allest' },
    ],
  },
])

export const app = createApp({ routes: [createAuthorItems, getAuthors] })
