// FastAPI tests/test_tutorial/test_body_updates, request by request (in order: the updates change the store).
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app002 } from './tutorial002'

const baz = { name: 'Baz', description: null, price: 50.2, tax: 10.5, tags: [] }

conformance('body_updates/tutorial001', app001, [
  { request: ['GET', '/items/baz'], status: 200, body: baz },
  {
    request: ['PUT', '/items/bar', { json: { name: 'Barz', price: 3, description: null } }],
    status: 200,
    body: { name: 'Barz', description: null, price: 3, tax: 10.5, tags: [] },
  },
])

const fooz = {
  name: 'Fooz',
  description: 'Item description',
  price: 3,
  tax: 10.5,
  tags: ['tag1', 'tag2'],
}

conformance('body_updates/tutorial002', app002, [
  { request: ['GET', '/items/baz'], status: 200, body: baz },
  { request: ['PATCH', '/items/foo', { json: fooz }], status: 200, body: fooz },
  {
    request: ['PATCH', '/items/bar', { json: { name: 'Barz' } }],
    status: 200,
    body: { name: 'Barz', description: 'The bartenders', price: 62, tax: 20.2, tags: [] },
  },
])
