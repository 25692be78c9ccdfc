import { createHash } from 'node:crypto'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createApp } from '../app'
import { route } from '../define-route'
import { httpCache } from './http-cache'

const Note = v.object({ id: v.number(), text: v.string() })
const notes = new Map([[1, { id: 1, text: 'first', updated: '2030-01-02T03:04:05Z' }]])

const read = route.get(
  '/notes/:id',
  {
    params: v.object({ id: v.number() }),
    response: Note,
    httpCache: httpCache({
      cacheControl: 'private, no-cache',
      vary: ['Authorization'],
      lastModified: true,
    }),
  },
  ({ params, response }) => {
    const note = notes.get(params.id)
    if (!note) return { id: 0, text: '' }
    response.headers.set('last-modified', new Date(note.updated).toUTCString())
    return note
  },
)
const versioned = route.get(
  '/versioned',
  { response: Note, httpCache: httpCache({ cacheControl: 'no-cache' }) },
  ({ response }) => {
    response.headers.set('etag', '"v7"')
    return { id: 7, text: 'seven' }
  },
)
const unicode = route.get(
  '/unicode',
  { response: Note, httpCache: httpCache({ cacheControl: 'no-cache' }) },
  () => ({ id: 2, text: 'crème brûlée ☃ 𝄞' }),
)
const app = createApp({ routes: [read, versioned, unicode] })

async function first(path = '/notes/1') {
  const answer = await app.request(path)
  expect(answer.status).toBe(200)
  return answer.headers.get('etag') as string
}

describe('HTTP caching declared on a route', () => {
  test('a 200 carries a strong ETag of its body, Cache-Control and Vary', async () => {
    const answer = await app.request('/notes/1')
    expect(answer.status).toBe(200)
    expect(answer.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/)
    expect(answer.headers.get('cache-control')).toBe('private, no-cache')
    expect(answer.headers.get('vary')).toBe('Authorization')
    expect(await answer.json()).toEqual({ id: 1, text: 'first' })
  })

  test('the ETag is the SHA-1 of the bytes sent, whatever characters the body holds', async () => {
    const answer = await app.request('/unicode')
    const sent = new Uint8Array(await answer.arrayBuffer())
    expect(answer.headers.get('etag')).toBe(`"${createHash('sha1').update(sent).digest('hex')}"`)
    expect(JSON.parse(new TextDecoder().decode(sent))).toEqual({ id: 2, text: 'crème brûlée ☃ 𝄞' })
  })

  test('If-None-Match naming the ETag answers 304 with no body and the headers a 200 would carry', async () => {
    const etag = await first()
    const answer = await app.request('/notes/1', { headers: { 'if-none-match': etag } })
    expect(answer.status).toBe(304)
    expect(await answer.text()).toBe('')
    expect(answer.headers.get('etag')).toBe(etag)
    expect(answer.headers.get('cache-control')).toBe('private, no-cache')
    expect(answer.headers.get('vary')).toBe('Authorization')
    expect(answer.headers.get('last-modified')).toBe('Wed, 02 Jan 2030 03:04:05 GMT')
    expect(answer.headers.get('content-type')).toBeNull()
  })

  test('If-None-Match compares weakly, takes lists and *, and another tag gets the 200', async () => {
    const etag = await first()
    for (const header of [`W/${etag}`, `"nope", ${etag}`, '*']) {
      const answer = await app.request('/notes/1', { headers: { 'if-none-match': header } })
      expect(answer.status, header).toBe(304)
    }
    const other = await app.request('/notes/1', { headers: { 'if-none-match': '"nope"' } })
    expect(other.status).toBe(200)
    expect(await other.json()).toEqual({ id: 1, text: 'first' })
  })

  test('an ETag the handler sets is used as it is', async () => {
    expect(await first('/versioned')).toBe('"v7"')
    const answer = await app.request('/versioned', { headers: { 'if-none-match': '"v7"' } })
    expect(answer.status).toBe(304)
  })

  test('If-Modified-Since at or after Last-Modified answers 304; before it, or unreadable, 200', async () => {
    const since = (value: string) =>
      app.request('/notes/1', { headers: { 'if-modified-since': value } })
    expect((await since('Wed, 02 Jan 2030 03:04:05 GMT')).status).toBe(304)
    expect((await since('Thu, 03 Jan 2030 00:00:00 GMT')).status).toBe(304)
    expect((await since('Wed, 02 Jan 2030 03:04:04 GMT')).status).toBe(200)
    expect((await since('not a date')).status).toBe(200)
  })

  test('If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2)', async () => {
    const answer = await app.request('/notes/1', {
      headers: { 'if-none-match': '"nope"', 'if-modified-since': 'Thu, 03 Jan 2030 00:00:00 GMT' },
    })
    expect(answer.status).toBe(200)
  })

  test('HEAD is answered 304 too; the body a GET would send is never sent', async () => {
    const etag = await first()
    const answer = await app.request('/notes/1', {
      method: 'HEAD',
      headers: { 'if-none-match': etag },
    })
    expect(answer.status).toBe(304)
  })

  test('an error answer is never turned into a 304', async () => {
    const answer = await app.request('/notes/x', { headers: { 'if-none-match': '*' } })
    expect(answer.status).toBe(422)
    expect(answer.headers.get('etag')).toBeNull()
  })

  test('the OpenAPI document shows the headers of the 200 and the 304', () => {
    const operation = app.openapi().paths['/notes/{id}']?.get
    expect(Object.keys(operation?.responses['200']?.headers ?? {})).toEqual([
      'ETag',
      'Cache-Control',
      'Vary',
      'Last-Modified',
    ])
    expect(operation?.responses['304']).toEqual({
      description:
        'Not Modified: the copy the client named in If-None-Match or If-Modified-Since is current',
      headers: operation?.responses['200']?.headers,
    })
    expect(operation?.parameters?.map((parameter) => parameter.name)).toEqual([
      'id',
      'If-None-Match',
      'If-Modified-Since',
    ])
  })
})
