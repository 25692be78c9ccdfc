/**
 * Elysia on Bun, as its documentation writes it: `t` schemas (TypeBox,
 * compiled) for params, query, body and response, and the OpenAPI plugin
 * loaded, so it pays what Sluice pays for a documented, validated route.
 */
import { openapi } from '@elysiajs/openapi'
import { Elysia, t } from 'elysia'
import { HOST, idCounter, PORT } from '../servers/port'
import { DEFAULT_LIMIT, itemName } from '../spec'

const nextId = idCounter()

const NewItem = t.Object({
  name: t.String({ minLength: 1, maxLength: 100 }),
  price: t.Number({ exclusiveMinimum: 0 }),
  tags: t.Array(t.String(), { maxItems: 10 }),
})

new Elysia()
  .use(openapi())
  .get(
    '/items/:id',
    ({ params, query }) => ({ id: params.id, name: itemName(params.id), limit: query.limit }),
    {
      params: t.Object({ id: t.Integer({ minimum: 1 }) }),
      query: t.Object({
        limit: t.Integer({ minimum: 1, maximum: 100, default: DEFAULT_LIMIT }),
      }),
      response: t.Object({ id: t.Number(), name: t.String(), limit: t.Number() }),
    },
  )
  .post('/items', ({ body, status }) => status(201, { id: nextId(), ...body }), {
    body: NewItem,
    response: { 201: t.Object({ id: t.Number(), ...NewItem.properties }) },
  })
  .listen({ port: PORT, hostname: HOST })
