/** `@hono/zod-openapi`: routes declared with zod schemas, 422 on invalid input. */
import { serve } from '@hono/node-server'
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { DEFAULT_LIMIT, itemName } from '../spec'
import { HOST, idCounter, PORT } from './port'

const nextId = idCounter()

const integerString = z
  .string()
  .regex(/^[0-9]{1,15}$/)
  .transform(Number)
const NewItem = z.object({
  name: z.string().min(1).max(100),
  price: z.number().positive(),
  tags: z.array(z.string()).max(10),
})

const getItem = createRoute({
  method: 'get',
  path: '/items/{id}',
  request: {
    params: z.object({ id: integerString.pipe(z.number().min(1)) }),
    query: z.object({
      limit: integerString.pipe(z.number().min(1).max(100)).default(DEFAULT_LIMIT),
    }),
  },
  responses: {
    200: {
      description: 'The item',
      content: {
        'application/json': {
          schema: z.object({ id: z.number(), name: z.string(), limit: z.number() }),
        },
      },
    },
  },
})

const createItem = createRoute({
  method: 'post',
  path: '/items',
  request: { body: { content: { 'application/json': { schema: NewItem } }, required: true } },
  responses: {
    201: {
      description: 'Created',
      content: { 'application/json': { schema: NewItem.extend({ id: z.number() }) } },
    },
  },
})

const app = new OpenAPIHono({
  defaultHook: (result, c) =>
    result.success ? undefined : c.json({ detail: result.error.issues }, 422),
})
  .openapi(getItem, (c) => {
    const { id } = c.req.valid('param')
    const { limit } = c.req.valid('query')
    return c.json({ id, name: itemName(id), limit }, 200)
  })
  .openapi(createItem, (c) => c.json({ id: nextId(), ...c.req.valid('json') }, 201))

app.doc('/openapi.json', { openapi: '3.0.0', info: { title: 'bench', version: '1' } })

serve({ fetch: app.fetch, port: PORT, hostname: HOST })
