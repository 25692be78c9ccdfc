/** Hono with `@hono/valibot-validator`, answering 422 on invalid input. */
import { serve } from '@hono/node-server'
import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { itemName } from '../spec'
import { HOST, idCounter, PORT } from './port'
import { ItemParams, ItemQuery, NewItem } from './valibot-schemas'

const nextId = idCounter()

const unprocessable = (
  result: { success: boolean; issues?: readonly unknown[] | undefined },
  c: { json: (body: unknown, status: 422) => Response },
) => (result.success ? undefined : c.json({ detail: result.issues }, 422))

const app = new Hono()
  .get(
    '/items/:id',
    vValidator('param', ItemParams, unprocessable),
    vValidator('query', ItemQuery, unprocessable),
    (c) => {
      const { id } = c.req.valid('param')
      const { limit } = c.req.valid('query')
      return c.json({ id, name: itemName(id), limit })
    },
  )
  .post('/items', vValidator('json', NewItem, unprocessable), (c) =>
    c.json({ id: nextId(), ...c.req.valid('json') }, 201),
  )

serve({ fetch: app.fetch, port: PORT, hostname: HOST })
