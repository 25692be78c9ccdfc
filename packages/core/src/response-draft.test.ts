import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createApp, depends, HTTPException, respond, route } from './index'

// FastAPI's `Response` parameter: a dependency or the handler sets the status, headers and cookies
// of the answer its return value becomes (`solved_result.response` in FastAPI's routing.py).
describe('the response draft', () => {
  const created = depends((_, { response }) => {
    response.status = 201
    response.headers.set('x-dep', '1')
    response.setCookie('c', 'v')
    return 1
  })
  const user = depends({ created }, ({ created }) => created + 1)
  const app = createApp({
    routes: [
      route.get('/dep', { deps: { created, user } }, ({ created, user }) => ({ created, user })),
      route.get('/handler', { response: v.object({ x: v.number() }) }, ({ response }) => {
        response.headers.append('x-many', 'a')
        response.headers.append('x-many', 'b')
        response.setCookie('a', '1')
        response.setCookie('b', '2', {
          maxAge: 10,
          path: '/x',
          domain: 'example.com',
          secure: true,
          httpOnly: true,
          sameSite: 'strict',
        })
        response.deleteCookie('d')
        return { x: 1, dropped: true }
      }),
      route.get('/empty', {}, ({ response }) => {
        response.status = 204
        return { ignored: true }
      }),
      route.get('/raw', { deps: { created } }, () => new Response('raw', { status: 202 })),
      route.get('/respond', { deps: { created }, responses: { 202: v.string() } }, () =>
        respond(202, 'chosen'),
      ),
      route.get('/fails', { deps: { created } }, () => {
        throw new HTTPException(404)
      }),
    ],
  })

  test('a dependency sets the status, a header and a cookie; cached, it runs once', async () => {
    const res = await app.request('/dep')
    expect(res.status).toBe(201)
    expect(res.headers.get('x-dep')).toBe('1')
    expect(res.headers.getSetCookie()).toEqual(['c=v; Path=/; SameSite=Lax'])
    expect(await res.json()).toEqual({ created: 1, user: 2 })
  })

  test('the handler sets headers and cookies with FastAPI’s defaults; the body is still filtered', async () => {
    const res = await app.request('/handler')
    expect(res.status).toBe(200)
    expect(res.headers.get('x-many')).toBe('a, b')
    const [a, b, d] = res.headers.getSetCookie()
    expect(a).toBe('a=1; Path=/; SameSite=Lax')
    expect(b).toMatch(
      /^b=2; Max-Age=10; Domain=example.com; Path=\/x; HttpOnly; Secure; SameSite=Strict$/,
    )
    expect(d).toMatch(
      /^d=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Lax$/,
    )
    expect(await res.json()).toEqual({ x: 1 })
  })

  test('a status without a body sends none', async () => {
    const res = await app.request('/empty')
    expect(res.status).toBe(204)
    expect(await res.text()).toBe('')
  })

  test('a returned Response is sent as it is, as FastAPI sends it', async () => {
    const res = await app.request('/raw')
    expect(res.status).toBe(202)
    expect(res.headers.get('x-dep')).toBeNull()
  })

  test('respond() chooses the status; the draft’s headers still join it', async () => {
    const res = await app.request('/respond')
    expect(res.status).toBe(202)
    expect(res.headers.get('x-dep')).toBe('1')
  })

  test('an error answers without the draft', async () => {
    const res = await app.request('/fails')
    expect(res.status).toBe(404)
    expect(res.headers.get('x-dep')).toBeNull()
    expect(res.headers.getSetCookie()).toEqual([])
  })
})
