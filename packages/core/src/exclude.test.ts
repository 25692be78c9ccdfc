import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createApp, type ExcludeOptions, route } from './index'

// FastAPI's response_model tutorial (docs_src/response_model/tutorial004): one model, three stored items.
const Item = v.object({
  name: v.string(),
  description: v.optional(v.nullable(v.string()), null),
  price: v.number(),
  tax: v.optional(v.number(), 10.5),
  tags: v.optional(v.array(v.string()), []),
})

const items: Record<string, v.InferInput<typeof Item>> = {
  foo: { name: 'Foo', price: 50.2 },
  bar: { name: 'Bar', description: 'The bartenders', price: 62, tax: 20.2 },
  baz: { name: 'Baz', description: null, price: 50.2, tax: 10.5, tags: [] },
}

function appExcluding(options: ExcludeOptions) {
  return createApp({
    routes: [
      route.get(
        '/items/:id',
        { params: v.object({ id: v.string() }), response: Item, ...options },
        ({ params }) => items[params.id]!,
      ),
      route.get('/list', { response: v.array(Item), ...options }, () => Object.values(items)),
    ],
  })
}

const read = async (app: ReturnType<typeof appExcluding>, path: string) =>
  (await app.request(path)).json()

describe('excludeUnset', () => {
  const app = appExcluding({ excludeUnset: true })

  test('leaves out what the handler did not set, defaults included, as FastAPI does', async () => {
    expect(await read(app, '/items/foo')).toEqual({ name: 'Foo', price: 50.2 })
    expect(await read(app, '/items/bar')).toEqual(items.bar)
    expect(await read(app, '/items/baz')).toEqual(items.baz)
  })

  test('applies to each item of a list', async () => {
    expect((await read(app, '/list'))[0]).toEqual({ name: 'Foo', price: 50.2 })
  })

  test('without it, the schema fills the defaults', async () => {
    expect(await read(appExcluding({}), '/items/foo')).toEqual({
      name: 'Foo',
      description: null,
      price: 50.2,
      tax: 10.5,
      tags: [],
    })
  })
})

test('excludeDefaults leaves out values equal to their default, set or not', async () => {
  const app = appExcluding({ excludeDefaults: true })
  expect(await read(app, '/items/baz')).toEqual({ name: 'Baz', price: 50.2 })
  expect(await read(app, '/items/bar')).toEqual(items.bar)
})

test('excludeNone leaves out null values', async () => {
  const app = appExcluding({ excludeNone: true })
  expect(await read(app, '/items/baz')).toEqual({ name: 'Baz', price: 50.2, tax: 10.5, tags: [] })
})
