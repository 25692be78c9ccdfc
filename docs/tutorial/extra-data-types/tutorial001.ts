// FastAPI docs_src/extra_data_types/tutorial001: UUIDs, datetimes, durations and times.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

/** An ISO 8601 date and time with its offset, as a `Date`. */
const DateTime = v.pipe(v.string(), v.isoTimestamp(), v.toDate())

const readItems = route.put(
  '/items/:item_id',
  {
    params: v.object({ item_id: v.pipe(v.string(), v.uuid()) }),
    body: v.object({
      start_datetime: DateTime,
      end_datetime: DateTime,
      /** Pydantic reads a number as seconds; ISO 8601 durations are left out here. */
      process_after: v.number(),
      repeat_at: v.optional(v.nullable(v.pipe(v.string(), v.isoTimeSecond())), null),
    }),
  },
  ({ params, body }) => {
    const startProcess = new Date(body.start_datetime.getTime() + body.process_after * 1000)
    const duration = (body.end_datetime.getTime() - startProcess.getTime()) / 1000
    return {
      item_id: params.item_id,
      start_datetime: body.start_datetime,
      end_datetime: body.end_datetime,
      process_after: body.process_after,
      repeat_at: body.repeat_at,
      start_process: startProcess,
      duration,
    }
  },
)

export const app = createApp({ routes: [readItems] })
