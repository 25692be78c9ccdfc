// FastAPI docs_src/handling_errors/tutorial003: a handler for your own exception class.
import { createApp, handle, route } from '@sluice/core'
import * as v from 'valibot'

class UnicornException extends Error {
  constructor(readonly unicorn: string) {
    super(`Unicorn ${unicorn}`)
  }
}

const unicornExceptionHandler = handle(UnicornException, (error) =>
  Response.json(
    { message: `Oops! ${error.unicorn} did something. There goes a rainbow...` },
    { status: 418 },
  ),
)

const readUnicorn = route.get(
  '/unicorns/:name',
  { params: v.object({ name: v.string() }) },
  ({ params }) => {
    if (params.name === 'yolo') throw new UnicornException(params.name)
    return { unicorn_name: params.name }
  },
)

export const app = createApp({
  routes: [readUnicorn],
  exceptionHandlers: [unicornExceptionHandler],
})
