// FastAPI tests/test_tutorial/test_dataclasses, request by request.
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app002 } from './tutorial002'
import { app as app003 } from './tutorial003'

conformance('dataclasses_/tutorial001', app001, [
  {
    request: ['POST', '/items/', { json: { name: 'Foo', price: 3 } }],
    status: 200,
    body: { name: 'Foo', price: 3, description: null, tax: null },
  },
  {
    request: ['POST', '/items/', { json: { name: 'Foo', price: 'invalid price' } }],
    status: 422,
    body: {
      detail: [
        {
          type: 'float_parsing',
          loc: ['body', 'price'],
          msg: 'Input should be a valid number, unable to parse string as a number',
          input: 'invalid price',
        },
      ],
    },
  },
])

conformance('dataclasses_/tutorial002', app002, [
  {
    request: ['GET', '/items/next'],
    status: 200,
    body: {
      name: 'Island In The Moon',
      price: 12.99,
      description: "A place to be playin' and havin' fun",
      tags: ['breater'],
      tax: null,
    },
  },
])

conformance('dataclasses_/tutorial003', app003, [
  {
    request: [
      'POST',
      '/authors/foo/items/',
      { json: [{ name: 'Bar' }, { name: 'Baz', description: 'Drop the Baz' }] },
    ],
    status: 200,
    body: {
      name: 'foo',
      items: [
        { name: 'Bar', description: null },
        { name: 'Baz', description: 'Drop the Baz' },
      ],
    },
  },
  {
    request: ['GET', '/authors/'],
    status: 200,
    body: [
      {
        name: 'Breaters',
        items: [
          { name: 'Island In The Moon', description: "A place to be playin' and havin' fun" },
          { name: 'Holy Buddies', description: null },
        ],
      },
      {
        name: 'System of an Up',
        items: [
          { name: 'Salt', description: "The kombucha mushroom people's favorite" },
          { name: 'Pad Thai', description: null },
          { name: 'Lonely Night', description: 'The mostests lonliest nightiest of allest' },
        ],
      },
    ],
  },
])
