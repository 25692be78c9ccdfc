import { expectTypeOf, test } from 'vitest'
import { depends } from './index'

test("context.resolve's promise holds the dependency's value", () => {
  const user = depends(() => ({ id: 1 }))
  depends(async (_, { resolve }) => {
    expectTypeOf(await resolve(user)).toEqualTypeOf<{ id: number }>()
  })
  depends(
    (_, context) => {
      // @ts-expect-error: an app-scoped factory has no request to resolve for
      context.resolve
    },
    { scope: 'app' },
  )
})
