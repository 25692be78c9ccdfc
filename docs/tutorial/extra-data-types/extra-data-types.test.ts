// FastAPI tests/test_tutorial/test_extra_data_types, request by request.
import { conformance, documented } from '../conformance'
import { app as app001 } from './tutorial001'

const itemId = 'ff97dd87-a4a5-4a12-b412-cde99f33e00e'
const data = {
  start_datetime: '2018-12-22T14:00:00+00:00',
  end_datetime: '2018-12-24T15:00:00+00:00',
  repeat_at: '15:30:00',
  process_after: 300,
}

conformance('extra_data_types/tutorial001', app001, [
  {
    request: ['PUT', `/items/${itemId}`, { json: data }],
    status: 200,
    differs: documented.datetimes,
    body: {
      ...data,
      item_id: itemId,
      start_datetime: '2018-12-22T14:00:00.000Z',
      end_datetime: '2018-12-24T15:00:00.000Z',
      start_process: '2018-12-22T14:05:00.000Z',
      duration: 176_100,
    },
  },
  // Beyond FastAPI's test, FastAPI 0.142.2's answer to a malformed UUID.
  {
    request: ['PUT', '/items/not-a-uuid', { json: data }],
    status: 422,
    body: {
      detail: [
        {
          type: 'uuid_parsing',
          loc: ['path', 'item_id'],
          msg: 'Input should be a valid UUID, invalid character: found `n` at 1',
          input: 'not-a-uuid',
          ctx: { error: 'invalid character: found `n` at 1' },
        },
      ],
    },
  },
])
