import SchemaBuilder from '@pothos/core'
import { depends } from '@sluice/core'
import { expectTypeOf, test } from 'vitest'
import type { GraphQLContext } from './index'

const currentUser = depends(async () => ({ id: 1, name: 'ada' }))

test('ctx.use gives the value the dependency provides', () => {
  const builder = new SchemaBuilder<{ Context: GraphQLContext }>({})
  builder.queryType({
    fields: (t) => ({
      me: t.string({
        resolve: async (_, __, ctx) => {
          const user = await ctx.use(currentUser)
          expectTypeOf(user).toEqualTypeOf<{ id: number; name: string }>()
          // @ts-expect-error: only dependencies made by depends() are resolved
          await ctx.use(() => 'not a dependency')
          return user.name
        },
      }),
    }),
  })
})
