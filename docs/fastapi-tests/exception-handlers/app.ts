// Sluice port of FastAPI tests/test_exception_handlers.py (app.py).
import { createApp, HTTPException, handle, RequestValidationError, route } from '@sluice/core'
import * as v from 'valibot'

export const app = createApp({
  exceptionHandlers: [
    handle(HTTPException, () => Response.json({ exception: 'http-exception' })),
    handle(RequestValidationError, () => Response.json({ exception: 'request-validation' })),
    handle(Error, () => Response.json({ exception: 'server-error' }, { status: 500 })),
  ],
  routes: [
    route.get('/http-exception', {}, () => {
      throw new HTTPException(400)
    }),
    route.get(
      '/request-validation/:param/',
      { params: v.object({ param: v.pipe(v.number(), v.integer()) }) },
      () => null,
    ),
    route.get('/server-error', {}, () => {
      throw new Error('Oops!')
    }),
  ],
})
