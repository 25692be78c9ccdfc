import { Hono } from 'hono'
import { expect, test } from 'vitest'
import { defaultDocs } from './default-docs'

test('the edge default serves no docs, and asking for the document says what to give', async () => {
  const app = new Hono()
  const openapi = defaultDocs(app, {}, [])
  expect((await app.request('/docs')).status).toBe(404)
  expect((await app.request('/openapi.json')).status).toBe(404)
  expect(openapi).toThrow(/give createApp `serveDocs`/)
})
