// FastAPI docs_src/background_tasks/tutorial001: work that runs after the response is sent.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

/** Stands in for FastAPI's log.txt. */
export const log: string[] = []

function writeNotification(email: string, message = '') {
  log.push(`notification for ${email}: ${message}`)
}

const sendNotification = route.post(
  '/send-notification/:email',
  { params: v.object({ email: v.string() }) },
  ({ params, background }) => {
    background(() => writeNotification(params.email, 'some notification'))
    return { message: 'Notification sent in the background' }
  },
)

export const app = createApp({ routes: [sendNotification] })
