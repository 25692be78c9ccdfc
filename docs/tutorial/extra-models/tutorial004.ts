// FastAPI docs_src/extra_models/tutorial004: a list of models as the response.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({ name: v.string(), description: v.string() })

const items = [
  { name: 'Foo', description: 'There comes my hero' },
  { name: 'Red', description: "It's my aeroplane" },
]

const readItems = route.get('/items/', { response: v.array(Item) }, () => items)

export const app = createApp({ routes: [readItems] })
