// FastAPI tests/test_tutorial/test_body, request by request.
import { conformance, documented } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app002 } from './tutorial002'
import { app as app003 } from './tutorial003'
import { app as app004 } from './tutorial004'

const missing = (field: string, input: unknown) => ({
  type: 'missing',
  loc: ['body', field],
  msg: 'Field required',
  input,
})
const noNameNoPrice = { detail: [missing('name', {}), missing('price', {})] }
const json = '{"name": "Foo", "price": 50.5}'
// FastAPI answers a body of another content type with 422 model_attributes_type; Sluice with 415.
const unsupported = { detail: 'Unsupported Media Type: expected application/json' }

conformance('body/tutorial001', app001, [
  {
    request: ['POST', '/items/', { json: { name: 'Foo', price: 50.5 } }],
    status: 200,
    body: { name: 'Foo', price: 50.5, description: null, tax: null },
  },
  {
    request: ['POST', '/items/', { json: { name: 'Foo', price: '50.5' } }],
    status: 200,
    body: { name: 'Foo', price: 50.5, description: null, tax: null },
  },
  {
    request: ['POST', '/items/', { json: { name: 'Foo', price: '50.5', description: 'Some Foo' } }],
    status: 200,
    body: { name: 'Foo', price: 50.5, description: 'Some Foo', tax: null },
  },
  {
    request: [
      'POST',
      '/items/',
      { json: { name: 'Foo', price: '50.5', description: 'Some Foo', tax: 0.3 } },
    ],
    status: 200,
    body: { name: 'Foo', price: 50.5, description: 'Some Foo', tax: 0.3 },
  },
  {
    request: ['POST', '/items/', { json: { name: 'Foo' } }],
    status: 422,
    body: { detail: [missing('price', { name: 'Foo' })] },
  },
  {
    request: ['POST', '/items/', { json: { name: 'Foo', price: 'twenty' } }],
    status: 422,
    body: {
      detail: [
        {
          type: 'float_parsing',
          loc: ['body', 'price'],
          msg: 'Input should be a valid number, unable to parse string as a number',
          input: 'twenty',
        },
      ],
    },
  },
  {
    request: ['POST', '/items/', { json: {} }],
    status: 422,
    body: noNameNoPrice,
  },
  {
    request: ['POST', '/items/'],
    status: 422,
    body: { detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }] },
  },
  {
    request: [
      'POST',
      '/items/',
      { headers: { 'content-type': 'application/json' }, body: '{some broken json}' },
    ],
    status: 422,
    body: {
      detail: [
        {
          type: 'json_invalid',
          loc: ['body', 1],
          msg: 'JSON decode error',
          input: {},
          ctx: { error: 'Expecting property name enclosed in double quotes' },
        },
      ],
    },
  },
  {
    request: ['POST', '/items/', { form: { name: 'Foo', price: '50.5' } }],
    status: 415,
    body: unsupported,
    differs: documented.mediaType,
  },
  {
    request: ['POST', '/items/', { headers: { 'content-type': 'application/json' }, body: json }],
    status: 200,
  },
  {
    request: [
      'POST',
      '/items/',
      { headers: { 'content-type': 'application/geo+json' }, body: json },
    ],
    status: 200,
  },
  {
    request: ['POST', '/items/', { body: json }],
    status: 415,
    body: unsupported,
    differs: documented.mediaType,
  },
  {
    request: ['POST', '/items/', { headers: { 'content-type': 'text/plain' }, body: json }],
    status: 415,
    body: unsupported,
    differs: documented.mediaType,
  },
  {
    request: [
      'POST',
      '/items/',
      { headers: { 'content-type': 'application/geo+json-seq' }, body: json },
    ],
    status: 415,
    body: unsupported,
    differs: documented.mediaType,
  },
  {
    request: [
      'POST',
      '/items/',
      { headers: { 'content-type': 'application/not-really-json' }, body: json },
    ],
    status: 415,
    body: unsupported,
    differs: documented.mediaType,
  },
])

conformance('body/tutorial002', app002, [
  {
    request: [
      'POST',
      '/items/',
      { json: { name: 'Foo', price: 50.5, description: 'Some Foo', tax: 0.3 } },
    ],
    status: 200,
    body: { name: 'Foo', price: 50.5, description: 'Some Foo', tax: 0.3, price_with_tax: 50.8 },
  },
  {
    request: [
      'POST',
      '/items/',
      { json: { name: 'Foo', price: '50.5', description: 'Some Foo', tax: 0.3 } },
    ],
    status: 200,
    body: { name: 'Foo', price: 50.5, description: 'Some Foo', tax: 0.3, price_with_tax: 50.8 },
  },
  {
    request: ['POST', '/items/', { json: { name: 'Foo', price: 50.5, description: 'Some Foo' } }],
    status: 200,
    body: { name: 'Foo', price: 50.5, description: 'Some Foo', tax: null },
  },
  {
    request: ['POST', '/items/', { json: { name: 'Foo', price: '50.5', description: 'Some Foo' } }],
    status: 200,
    body: { name: 'Foo', price: 50.5, description: 'Some Foo', tax: null },
  },
  {
    request: ['POST', '/items/', { json: {} }],
    status: 422,
    body: noNameNoPrice,
  },
])

conformance('body/tutorial003', app003, [
  {
    request: [
      'PUT',
      '/items/123',
      { json: { name: 'Foo', price: 50.1, description: 'Some Foo', tax: 0.3 } },
    ],
    status: 200,
    body: { item_id: 123, name: 'Foo', price: 50.1, description: 'Some Foo', tax: 0.3 },
  },
  {
    request: ['PUT', '/items/123', { json: { name: 'Foo', price: 50.1 } }],
    status: 200,
    body: { item_id: 123, name: 'Foo', price: 50.1, description: null, tax: null },
  },
  {
    request: ['PUT', '/items/123', { json: {} }],
    status: 422,
    body: noNameNoPrice,
  },
])

conformance('body/tutorial004', app004, [
  {
    request: [
      'PUT',
      '/items/123?q=somequery',
      { json: { name: 'Foo', price: 50.1, description: 'Some Foo', tax: 0.3 } },
    ],
    status: 200,
    body: {
      item_id: 123,
      name: 'Foo',
      price: 50.1,
      description: 'Some Foo',
      tax: 0.3,
      q: 'somequery',
    },
  },
  {
    request: ['PUT', '/items/123', { json: { name: 'Foo', price: 50.1 } }],
    status: 200,
    body: { item_id: 123, name: 'Foo', price: 50.1, description: null, tax: null },
  },
  {
    request: ['PUT', '/items/123', { json: {} }],
    status: 422,
    body: noNameNoPrice,
  },
])
