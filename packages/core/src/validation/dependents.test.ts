import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createApp, dependentRequired, route } from '../index'

const PasswordChange = dependentRequired(
  v.object({
    name: v.optional(v.string()),
    password: v.optional(v.string()),
    current_password: v.optional(v.string()),
  }),
  { password: ['current_password'] },
)
const app = createApp({
  routes: [route.patch('/me', { body: PasswordChange }, ({ body }) => Object.keys(body))],
})
const patch = (body: unknown) =>
  app.request('/me', {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('dependentRequired', () => {
  test('a key given without the keys it requires is a 422 at each missing one', async () => {
    const res = await patch({ password: 'new-password-7' })
    expect(res.status).toBe(422)
    // Under a credential-like name, the input is not echoed.
    expect((await res.json()).detail).toEqual([
      {
        type: 'value_error',
        loc: ['body', 'current_password'],
        msg: 'Value error, current_password is required when password is given',
        ctx: { error: {} },
      },
    ])
  })

  test('is satisfied when the key is absent, or given with what it requires', async () => {
    expect(await (await patch({ name: 'Ann' })).json()).toEqual(['name'])
    const both = await patch({ password: 'new-password-7', current_password: 'old-one-1' })
    expect(await both.json()).toEqual(['password', 'current_password'])
  })

  test('says the same in the OpenAPI document, as JSON Schema does', () => {
    const body = app.openapi().paths['/me']?.patch?.requestBody
    expect(body?.content['application/json']?.schema).toMatchObject({
      type: 'object',
      dependentRequired: { password: ['current_password'] },
    })
  })

  test('takes a message of its own', () => {
    const schema = dependentRequired(
      v.object({ a: v.optional(v.number()), b: v.optional(v.number()) }),
      { a: ['b'] },
      'b goes with a',
    )
    expect(v.safeParse(schema, { a: 1 }).issues?.[0]).toMatchObject({
      type: 'raw_check',
      message: 'b goes with a',
      path: [{ key: 'b' }],
    })
  })
})
