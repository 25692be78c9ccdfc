import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createApp, route, uuid } from '../index'

// Every expectation below is what Pydantic 2.13's UUID answered for the same input (fastapi-reference).
const HYPHENATED = 'a8098c1a-f86e-11da-bd1a-00112444be1e'

describe('uuid() accepts what Pydantic accepts, as the hyphenated lowercase form', () => {
  const app = createApp({
    routes: [route.get('/u/:u', { params: v.object({ u: uuid() }) }, ({ params }) => params)],
  })

  test.each([
    ['hyphenated', HYPHENATED],
    ['simple (no hyphens)', 'a8098c1af86e11dabd1a00112444be1e'],
    ['upper case', 'A8098C1A-F86E-11DA-BD1A-00112444BE1E'],
    ['braced', `{${HYPHENATED}}`],
    ['a URN', `urn:uuid:${HYPHENATED}`],
  ])('%s', async (_, u) => {
    const res = await app.request(`/u/${encodeURIComponent(u)}`)
    expect(await res.json()).toEqual({ u: HYPHENATED })
  })

  test.each([
    [
      'a8098c1af86e11dabd1a00112444be1',
      'invalid length: expected length 32 for simple format, found 31',
    ],
    ['{a8098c1af86e11dabd1a00112444be1e}', 'invalid group count: expected 5, found 1'],
    ['urn:uuid:a8098c1af86e11dabd1a00112444be1e', 'invalid group count: expected 5, found 1'],
    ['a8098c1a-f86e11dabd1a00112444be1e', 'invalid group count: expected 5, found 2'],
  ])('%s is refused as Pydantic refuses it', async (u, error) => {
    const res = await app.request(`/u/${encodeURIComponent(u)}`)
    expect(res.status).toBe(422)
    expect((await res.json()).detail[0]).toMatchObject({
      type: 'uuid_parsing',
      msg: `Input should be a valid UUID, ${error}`,
    })
  })

  test('its OpenAPI schema is a string of format uuid', () => {
    const [parameter] = app.openapi().paths['/u/{u}']?.get?.parameters ?? []
    expect(parameter).toMatchObject({ schema: { type: 'string', format: 'uuid' } })
  })
})

describe("valibot's own uuid() keeps the hyphenated form only, and says so", () => {
  const app = createApp({
    routes: [
      route.get(
        '/u/:u',
        { params: v.object({ u: v.pipe(v.string(), v.uuid()) }) },
        ({ params }) => params,
      ),
    ],
  })

  test('a simple-format UUID is not reported as a wrong length of 32', async () => {
    const res = await app.request('/u/a8098c1af86e11dabd1a00112444be1e')
    expect(res.status).toBe(422)
    const { msg } = (await res.json()).detail[0]
    expect(msg).not.toContain('found 32')
    expect(msg).toBe('Input should be a valid UUID, invalid format: expected the hyphenated form')
  })
})
