// FastAPI tests/test_tutorial/test_path_params, request by request.
import { conformance, documented } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app002 } from './tutorial002'
import { app as app003 } from './tutorial003'
import { app as app003b } from './tutorial003b'
import { app as app004 } from './tutorial004'
import { app as app005 } from './tutorial005'

conformance('path_params/tutorial001', app001, [
  { request: ['GET', '/items/1'], status: 200, body: { item_id: '1' } },
  { request: ['GET', '/items/alice'], status: 200, body: { item_id: 'alice' } },
])

conformance('path_params/tutorial002', app002, [
  { request: ['GET', '/items/1'], status: 200, body: { item_id: 1 } },
  {
    request: ['GET', '/items/item1'],
    status: 422,
    body: {
      detail: [
        {
          type: 'int_parsing',
          loc: ['path', 'item_id'],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          input: 'item1',
        },
      ],
    },
  },
  // Beyond FastAPI's test, answers of FastAPI 0.142.2 itself: integer spellings, other methods, unknown paths.
  { request: ['GET', '/items/1.0'], status: 200, body: { item_id: 1 } },
  { request: ['GET', '/items/+1'], status: 200, body: { item_id: 1 } },
  { request: ['GET', '/items/9007199254740993'], status: 422, differs: documented.bigIntegers },
  { request: ['HEAD', '/items/1'], status: 200, differs: documented.head },
  {
    request: ['POST', '/items/1'],
    status: 405,
    body: { detail: 'Method Not Allowed' },
    headers: { allow: 'GET, HEAD' },
    differs: documented.allow,
  },
  { request: ['GET', '/nowhere'], status: 404, body: { detail: 'Not Found' } },
])

conformance('path_params/tutorial003', app003, [
  { request: ['GET', '/users/me'], status: 200, body: { user_id: 'the current user' } },
  { request: ['GET', '/users/alice'], status: 200, body: { user_id: 'alice' } },
])

conformance('path_params/tutorial003b', app003b, [
  { request: ['GET', '/users'], status: 200, body: ['Rick', 'Morty'] },
])

conformance('path_params/tutorial004', app004, [
  {
    request: ['GET', '/files/home/johndoe/myfile.txt'],
    status: 200,
    body: { file_path: 'home/johndoe/myfile.txt' },
  },
  {
    request: ['GET', '/files//home/johndoe/myfile.txt'],
    status: 200,
    body: { file_path: '/home/johndoe/myfile.txt' },
  },
])

conformance('path_params/tutorial005', app005, [
  {
    request: ['GET', '/models/alexnet'],
    status: 200,
    body: { model_name: 'alexnet', message: 'Deep Learning FTW!' },
  },
  {
    request: ['GET', '/models/lenet'],
    status: 200,
    body: { model_name: 'lenet', message: 'LeCNN all the images' },
  },
  {
    request: ['GET', '/models/resnet'],
    status: 200,
    body: { model_name: 'resnet', message: 'Have some residuals' },
  },
  {
    request: ['GET', '/models/foo'],
    status: 422,

    body: {
      detail: [
        {
          type: 'enum',
          loc: ['path', 'model_name'],
          msg: "Input should be 'alexnet', 'resnet' or 'lenet'",
          input: 'foo',
          ctx: { expected: "'alexnet', 'resnet' or 'lenet'" },
        },
      ],
    },
  },
])
