import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createApp, isoDate, isoDateTime, route } from '../index'

describe('isoDate', () => {
  test.each(['2030-01-31', '2028-02-29', '2000-02-29', '2030-04-30', '0001-01-01'])(
    '%s exists',
    (date) => {
      expect(v.safeParse(isoDate(), date)).toMatchObject({ success: true, output: date })
    },
  )

  test.each([
    ['a day past the month', '2030-02-31'],
    ['February 29 of a common year', '2030-02-29'],
    ['February 29 of a century not divisible by 400', '1900-02-29'],
    ['April 31', '2030-04-31'],
    ['a day-first date', '31/12/2030'],
    ['month 13', '2030-13-01'],
  ])('%s fails as the format does, with the message given', (_, date) => {
    const result = v.safeParse(isoDate('Expected a date as YYYY-MM-DD'), date)
    expect(result.success).toBe(false)
    expect(result.issues?.[0]).toMatchObject({
      type: 'iso_date',
      message: 'Expected a date as YYYY-MM-DD',
    })
  })
})

describe('isoDateTime', () => {
  test.each(['2030-01-31T09:30:00Z', '2028-02-29T23:59:59.250+02:00', '2030-12-31T00:00:00-05:00'])(
    '%s exists',
    (timestamp) => {
      expect(v.safeParse(isoDateTime(), timestamp).success).toBe(true)
    },
  )

  test.each(['2030-02-30T09:30:00Z', '2030-01-31T24:00:00Z', '2030-01-31', '2030-01-31T09:30Z'])(
    '%s fails',
    (timestamp) => {
      expect(v.safeParse(isoDateTime(), timestamp).issues?.[0]?.type).toBe('iso_timestamp')
    },
  )
})

describe('over HTTP', () => {
  const Event = v.object({ day: isoDate(), starts_at: v.optional(isoDateTime()) })
  const app = createApp({
    routes: [route.post('/events', { body: Event }, ({ body }) => body)],
  })
  const post = (body: unknown) =>
    app.request('/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  test('an impossible day is a 422 at its field, a real one passes', async () => {
    const impossible = await post({ day: '2030-02-31' })
    expect(impossible.status).toBe(422)
    expect((await impossible.json()).detail[0]).toMatchObject({ loc: ['body', 'day'] })
    const real = await post({ day: '2028-02-29', starts_at: '2028-02-29T10:00:00Z' })
    expect(await real.json()).toEqual({ day: '2028-02-29', starts_at: '2028-02-29T10:00:00Z' })
  })

  test('the OpenAPI schema names the formats', async () => {
    const spec = await (await app.request('/openapi.json')).json()
    const schema = spec.paths['/events'].post.requestBody.content['application/json'].schema
    expect(schema.properties).toEqual({
      day: { type: 'string', format: 'date' },
      starts_at: { type: 'string', format: 'date-time' },
    })
  })
})
