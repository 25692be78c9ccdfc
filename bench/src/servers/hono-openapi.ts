/** `hono-openapi` with valibot schemas: described routes, validated, 422 on invalid input. */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { describeRoute, openAPIRouteHandler, resolver, validator } from 'hono-openapi'
import { itemName } from '../spec'
import { HOST, idCounter, PORT } from './port'
import { Item, ItemOut, ItemParams, ItemQuery, NewItem } from './valibot-schemas'

const nextId = idCounter()

const unprocessable = (
  result: { success: boolean; error?: unknown },
  c: { json: (body: unknown, status: 422) => Response },
) => (result.success ? undefined : c.json({ detail: result.error }, 422))

const json = (schema: Parameters<typeof resolver>[0]) => ({
  'application/json': { schema: resolver(schema) },
})

const app = new Hono()
  .get(
    '/items/:id',
    describeRoute({ responses: { 200: { description: 'The item', content: json(ItemOut) } } }),
    validator('param', ItemParams, unprocessable),
    validator('query', ItemQuery, unprocessable),
    (c) => {
      const { id } = c.req.valid('param')
      const { limit } = c.req.valid('query')
      return c.json({ id, name: itemName(id), limit })
    },
  )
  .post(
    '/items',
    describeRoute({ responses: { 201: { description: 'Created', content: json(Item) } } }),
    validator('json', NewItem, unprocessable),
    (c) => c.json({ id: nextId(), ...c.req.valid('json') }, 201),
  )

app.get(
  '/openapi.json',
  openAPIRouteHandler(app, { documentation: { info: { title: 'bench', version: '1' } } }),
)

serve({ fetch: app.fetch, port: PORT, hostname: HOST })
