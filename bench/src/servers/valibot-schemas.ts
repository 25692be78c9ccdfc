/**
 * The endpoints' rules as valibot schemas, for the Hono validators that take
 * valibot. Path and query values arrive as strings, so these convert them the
 * way each validator's documentation shows.
 */
import * as v from 'valibot'
import { DEFAULT_LIMIT } from '../spec'

const integerString = v.pipe(v.string(), v.regex(/^[0-9]{1,15}$/), v.transform(Number))

export const ItemParams = v.object({ id: v.pipe(integerString, v.minValue(1)) })

export const ItemQuery = v.object({
  limit: v.optional(v.pipe(integerString, v.minValue(1), v.maxValue(100)), String(DEFAULT_LIMIT)),
})

export const NewItem = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  price: v.pipe(v.number(), v.gtValue(0)),
  tags: v.pipe(v.array(v.string()), v.maxLength(10)),
})

export const Item = v.object({ id: v.number(), ...NewItem.entries })

export const ItemOut = v.object({ id: v.number(), name: v.string(), limit: v.number() })
