/** Fastify 5 with TypeBox schemas (validated by Ajv, serialized by fast-json-stringify); 422 on invalid input. */
import { type Static, Type } from '@sinclair/typebox'
import Fastify from 'fastify'
import { DEFAULT_LIMIT, itemName } from '../spec'
import { HOST, idCounter, PORT } from './port'

const nextId = idCounter()

const NewItem = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  price: Type.Number({ exclusiveMinimum: 0 }),
  tags: Type.Array(Type.String(), { maxItems: 10 }),
})
const Params = Type.Object({ id: Type.Integer({ minimum: 1 }) })
const Query = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: DEFAULT_LIMIT }),
})

// Fastify's default `coerceTypes: 'array'` turns `"a"` into `["a"]`; plain coercion keeps the rule "tags must be a list".
const app = Fastify({ ajv: { customOptions: { coerceTypes: true } } })

app.setErrorHandler((error: { validation?: unknown; statusCode?: number }, _request, reply) => {
  if (error.validation) return reply.code(422).send({ detail: error.validation })
  return reply.code(error.statusCode ?? 500).send({ detail: 'Error' })
})

app.get<{ Params: Static<typeof Params>; Querystring: Static<typeof Query> }>(
  '/items/:id',
  {
    schema: {
      params: Params,
      querystring: Query,
      response: {
        200: Type.Object({ id: Type.Integer(), name: Type.String(), limit: Type.Integer() }),
      },
    },
  },
  async (request) => {
    const { id } = request.params
    return { id, name: itemName(id), limit: request.query.limit }
  },
)

app.post<{ Body: Static<typeof NewItem> }>(
  '/items',
  {
    schema: {
      body: NewItem,
      response: { 201: Type.Object({ id: Type.Integer(), ...NewItem.properties }) },
    },
  },
  async (request, reply) => reply.code(201).send({ id: nextId(), ...request.body }),
)

await app.listen({ port: PORT, host: HOST })
