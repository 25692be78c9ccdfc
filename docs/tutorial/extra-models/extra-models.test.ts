// FastAPI tests/test_tutorial/test_extra_models, request by request.
import { conformance } from '../conformance'
import { app as app003 } from './tutorial003'
import { app as app004 } from './tutorial004'
import { app as app005 } from './tutorial005'

conformance('extra_models/tutorial003', app003, [
  {
    request: ['GET', '/items/item1'],
    status: 200,
    body: { description: 'All my friends drive a low rider', type: 'car' },
  },
  {
    request: ['GET', '/items/item2'],
    status: 200,
    body: { description: "Music is my aeroplane, it's my aeroplane", type: 'plane', size: 5 },
  },
])

conformance('extra_models/tutorial004', app004, [
  {
    request: ['GET', '/items/'],
    status: 200,
    body: [
      { name: 'Foo', description: 'There comes my hero' },
      { name: 'Red', description: "It's my aeroplane" },
    ],
  },
])

conformance('extra_models/tutorial005', app005, [
  { request: ['GET', '/keyword-weights/'], status: 200, body: { foo: 2.3, bar: 3.4 } },
])
