// FastAPI tests/test_tutorial/test_cookie_params, request by request.
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'

conformance('cookie_params/tutorial001', app001, [
  { request: ['GET', '/items/'], status: 200, body: { ads_id: null } },
  {
    request: ['GET', '/items/', { headers: { cookie: 'ads_id=ads_track' } }],
    status: 200,
    body: { ads_id: 'ads_track' },
  },
  {
    request: ['GET', '/items/', { headers: { cookie: 'ads_id=ads_track; session=cookiesession' } }],
    status: 200,
    body: { ads_id: 'ads_track' },
  },
  {
    request: ['GET', '/items/', { headers: { cookie: 'session=cookiesession' } }],
    status: 200,
    body: { ads_id: null },
  },
])
