/** Sluice: the two routes, declared once with valibot schemas; served on Node (`sluice.ts`) and on Bun (`../bun/sluice.ts`). */
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'
import { DEFAULT_LIMIT, itemName } from '../spec'
import { idCounter } from './port'

const nextId = idCounter()

const NewItem = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  price: v.pipe(v.number(), v.gtValue(0)),
  tags: v.pipe(v.array(v.string()), v.maxLength(10)),
})

const getItem = route.get(
  '/items/:id',
  {
    params: v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
    query: v.object({
      limit: v.optional(
        v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
        DEFAULT_LIMIT,
      ),
    }),
    response: v.object({ id: v.number(), name: v.string(), limit: v.number() }),
  },
  ({ params, query }) => ({ id: params.id, name: itemName(params.id), limit: query.limit }),
)

const createItem = route.post(
  '/items',
  { body: NewItem, status: 201, response: v.object({ id: v.number(), ...NewItem.entries }) },
  ({ body }) => ({ id: nextId(), ...body }),
)

export const app = createApp({ routes: [getItem, createItem] })
