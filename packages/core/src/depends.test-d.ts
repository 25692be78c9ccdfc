import * as v from 'valibot'
import { describe, expectTypeOf, test } from 'vitest'
import {
  type AppContext,
  type Dependency,
  depends,
  type RequestContext,
  requireScopes,
} from './index'

describe('depends()', () => {
  test('provides what the factory returns, awaited or yielded', () => {
    expectTypeOf(depends(() => 1)).toEqualTypeOf<Dependency<number, 'request'>>()
    expectTypeOf(depends(async () => 'a')).toEqualTypeOf<Dependency<string, 'request'>>()
    expectTypeOf(
      depends(function* () {
        yield new Date()
      }),
    ).toEqualTypeOf<Dependency<Date, 'request'>>()
    expectTypeOf(
      depends(
        async function* () {
          yield { pool: true }
        },
        { scope: 'app' },
      ),
    ).toEqualTypeOf<Dependency<{ pool: boolean }, 'app'>>()
  })

  test('types its inputs from the declared sources and dependencies', () => {
    const settings = depends(() => ({ pageSize: 20 }), { scope: 'app' })
    depends(
      {
        query: v.object({ page: v.optional(v.number(), 1) }),
        headers: v.object({ x_tenant: v.string() }),
        settings,
      },
      (inputs, context) => {
        expectTypeOf(inputs).toEqualTypeOf<{
          query: { page: number }
          headers: { x_tenant: string }
          settings: { pageSize: number }
        }>()
        expectTypeOf(context).toEqualTypeOf<RequestContext>()
        // @ts-expect-error no cookies were declared
        inputs.cookies
      },
    )
  })

  test('app-scoped factories get no request', () => {
    depends(
      (_, context) => {
        expectTypeOf(context).toEqualTypeOf<AppContext>()
        // @ts-expect-error there is no request context at app scope
        context.c
      },
      { scope: 'app' },
    )
  })

  test('requireScopes keeps the dependency type', () => {
    const user = depends(() => ({ id: 1 }))
    expectTypeOf(requireScopes(user, ['read'])).toEqualTypeOf(user)
  })

  test('inputs must be schemas or dependencies', () => {
    // @ts-expect-error a number is neither
    depends({ limit: 10 }, () => null)
  })
})
