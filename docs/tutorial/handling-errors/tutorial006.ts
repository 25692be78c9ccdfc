// FastAPI docs_src/handling_errors/tutorial006: do something, then leave the answer to the default handlers.
// A Sluice handler that throws the error again hands it to the default answer.
import { createApp, HTTPException, handle, RequestValidationError, route } from '@sluice/core'
import * as v from 'valibot'

export const log: string[] = []

const customHttpExceptionHandler = handle(HTTPException, (error) => {
  log.push(`OMG! An HTTP error!: ${error.status} ${error.message}`)
  throw error
})

const validationExceptionHandler = handle(RequestValidationError, (error) => {
  log.push(`OMG! The client sent invalid data!: ${error.message}`)
  throw error
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
  exceptionHandlers: [customHttpExceptionHandler, validationExceptionHandler],
})
