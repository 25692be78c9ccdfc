import { createApp, route } from '@sluice/core'
import { describe, expect, test } from 'vitest'
import { apiKey } from './api-key'

describe.each([
  ['header', { headers: { 'x-api-key': 'k-123' } }, '/'],
  ['query', {}, '/?api_key=k-123'],
  ['cookie', { headers: { cookie: 'session=k-123' } }, '/'],
] as const)('apiKey in %s', (location, init, path) => {
  const name = { header: 'X-API-Key', query: 'api_key', cookie: 'session' }[location]
  const key = apiKey({ in: location, name })
  const app = createApp({ routes: [route.get('/', { deps: { key } }, ({ key }) => ({ key }))] })

  test('hands over the key', async () => {
    expect(await (await app.request(path, init)).json()).toEqual({ key: 'k-123' })
  })

  test('a missing key is 401 with an APIKey challenge', async () => {
    const response = await app.request('/')
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ detail: 'Not authenticated' })
    expect(response.headers.get('www-authenticate')).toBe('APIKey')
  })

  test('carries the apiKey scheme under FastAPI’s name', () => {
    const schemeName = { header: 'APIKeyHeader', query: 'APIKeyQuery', cookie: 'APIKeyCookie' }[
      location
    ]
    expect(key.security).toEqual({
      name: schemeName,
      scheme: { type: 'apiKey', in: location, name },
      challenge: 'APIKey',
    })
  })
})

test('an empty key counts as missing; optional mode gives undefined', async () => {
  const key = apiKey({ in: 'query', name: 'key' })
  const maybe = apiKey({ in: 'query', name: 'key', optional: true })
  const app = createApp({
    routes: [
      route.get('/', { deps: { key } }, ({ key }) => ({ key })),
      route.get('/maybe', { deps: { maybe } }, ({ maybe }) => ({ given: maybe !== undefined })),
    ],
  })
  expect((await app.request('/?key=')).status).toBe(401)
  expect(await (await app.request('/maybe?key=')).json()).toEqual({ given: false })
})
