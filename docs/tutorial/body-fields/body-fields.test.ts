// FastAPI tests/test_tutorial/test_body_fields, request by request.
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'

conformance('body_fields/tutorial001', app001, [
  {
    request: ['PUT', '/items/5', { json: { item: { name: 'Foo', price: 3.0 } } }],
    status: 200,
    body: { item_id: 5, item: { name: 'Foo', price: 3.0, description: null, tax: null } },
  },
  {
    request: [
      'PUT',
      '/items/6',
      { json: { item: { name: 'Bar', price: 0.2, description: 'Some bar', tax: '5.4' } } },
    ],
    status: 200,
    body: { item_id: 6, item: { name: 'Bar', price: 0.2, description: 'Some bar', tax: 5.4 } },
  },
  {
    request: ['PUT', '/items/5', { json: { item: { name: 'Foo', price: -3.0 } } }],
    status: 422,
    body: {
      detail: [
        {
          type: 'greater_than',
          loc: ['body', 'item', 'price'],
          msg: 'Input should be greater than 0',
          input: -3.0,
          ctx: { gt: 0.0 },
        },
      ],
    },
  },
])
