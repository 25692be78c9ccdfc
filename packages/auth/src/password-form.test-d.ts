import { route } from '@sluice/core'
import { expectTypeOf, test } from 'vitest'
import { passwordForm, strictPasswordForm } from './password-form'

test('the handler sees scope as a list and grant_type as the literal', () => {
  route.post('/token', { form: passwordForm }, ({ form }) => {
    expectTypeOf(form).toEqualTypeOf<{
      grant_type?: 'password'
      username: string
      password: string
      scope: string[]
      client_id?: string
      client_secret?: string
    }>()
    return {}
  })
  route.post('/strict', { form: strictPasswordForm }, ({ form }) => {
    expectTypeOf(form.grant_type).toEqualTypeOf<'password'>()
    return {}
  })
})
