// FastAPI docs_src/response_change_status_code/tutorial001: another status for some answers (`respond`).
import { createApp, respond, route } from '@sluice/core'
import * as v from 'valibot'

const tasks: Record<string, string> = { foo: 'Listen to the Bar Fighters' }

const getOrCreateTask = route.put(
  '/get-or-create-task/:task_id',
  { params: v.object({ task_id: v.string() }), responses: { 200: v.string(), 201: v.string() } },
  ({ params }) => {
    const task = tasks[params.task_id]
    if (task !== undefined) return task
    tasks[params.task_id] = "This didn't exist before"
    return respond(201, "This didn't exist before")
  },
)

export const app = createApp({ routes: [getOrCreateTask] })
