// FastAPI tests/test_tutorial/test_server_sent_events, request by request.
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'

conformance('server_sent_events/tutorial001', app001, [
  {
    request: ['GET', '/items/stream'],
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
    contains: [
      'data: {"name":"Plumbus","description":"A multi-purpose household device."}\n\n',
      'data: {"name":"Portal Gun","description":"A portal opening device."}\n\n',
      'data: {"name":"Meeseeks Box","description":"A box that summons a Meeseeks."}\n\n',
    ],
  },
])
