import { expectTypeOf, test } from 'vitest'
import { HTTPException } from './index'

test('HTTPException takes the statuses that carry no body, but not 1xx', () => {
  expectTypeOf(new HTTPException(204)).toEqualTypeOf<HTTPException>()
  new HTTPException(304)
  // @ts-expect-error a web Response cannot carry an informational status
  new HTTPException(101)
})
