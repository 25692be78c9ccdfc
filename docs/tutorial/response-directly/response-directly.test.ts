// FastAPI tests/test_tutorial/test_response_directly, request by request.
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app002 } from './tutorial002'

const item = { title: 'Foo', timestamp: '2023-01-01T12:00:00', description: 'A test item' }

conformance('response_directly/tutorial001', app001, [
  { request: ['PUT', '/items/1', { json: item }], status: 200, body: item },
])

conformance('response_directly/tutorial002', app002, [
  {
    request: ['GET', '/legacy/'],
    status: 200,
    headers: { 'content-type': 'application/xml' },
    text: `<?xml version="1.0"?>
    <shampoo>
    <Header>
        Apply shampoo here.
    </Header>
    <Body>
        You'll have to use soap here.
    </Body>
    </shampoo>
    `,
  },
])
