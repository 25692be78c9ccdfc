// FastAPI docs_src/handling_errors/tutorial004: overriding the default handlers, here with plain text.
import { createApp, HTTPException, handle, RequestValidationError, route } from '@sluice/core'
import * as v from 'valibot'

const httpExceptionHandler = handle(
  HTTPException,
  (error) => new Response(String(error.detail), { status: error.status }),
)

/** Each location reads like FastAPI's, a Python tuple: `('path', 'item_id')`. */
const validationExceptionHandler = handle(RequestValidationError, (error) => {
  let message = 'Validation errors:'
  for (const issue of error.issues) {
    const loc = issue.loc.map((key) => (typeof key === 'string' ? `'${key}'` : key)).join(', ')
    message += `\nField: (${loc}), Error: ${issue.msg}`
  }
  return new Response(message, { status: 400 })
})

const readItem = route.get(
  '/items/:item_id',
  { params: v.object({ item_id: v.pipe(v.number(), v.integer()) }) },
  ({ params }) => {
    if (params.item_id === 3) throw new HTTPException(418, "Nope! I don't like 3.")
    return { item_id: params.item_id }
  },
)

export const app = createApp({
  routes: [readItem],
  exceptionHandlers: [httpExceptionHandler, validationExceptionHandler],
})
