// FastAPI docs_src/background_tasks/tutorial002: dependencies add background tasks too; they run in order.
import { createApp, depends, route } from '@sluice/core'
import * as v from 'valibot'

/** Stands in for FastAPI's log.txt. */
export const log: string[] = []

const writeLog = (message: string) => log.push(message)

const getQuery = depends(
  { query: v.object({ q: v.optional(v.string()) }) },
  ({ query }, { background }) => {
    const { q } = query
    if (q) background(() => writeLog(`found query: ${q}\n`))
    return q
  },
)

const sendNotification = route.post(
  '/send-notification/:email',
  { params: v.object({ email: v.string() }), deps: { q: getQuery } },
  ({ params, background }) => {
    background(() => writeLog(`message to ${params.email}\n`))
    return { message: 'Message sent' }
  },
)

export const app = createApp({ routes: [sendNotification] })
