import { expectTypeOf, test } from 'vitest'
import { depends, type ResponseDraft, route } from './index'

test('handlers and dependencies receive the response draft', () => {
  route.get('/', {}, ({ response }) => {
    expectTypeOf(response).toEqualTypeOf<ResponseDraft>()
    response.status = 204
    // @ts-expect-error a web Response cannot carry an informational status
    response.status = 101
    return null
  })
  depends((_, { response }) => {
    expectTypeOf(response).toEqualTypeOf<ResponseDraft>()
    response.setCookie('sid', 'x', { sameSite: 'strict', httpOnly: true })
    response.deleteCookie('old', { path: '/x' })
  })
})

test('a dependency cannot be named response', () => {
  const user = depends(() => 1)
  // @ts-expect-error "response" is a reserved argument name
  route.get('/', { deps: { response: user } }, () => null)
})
