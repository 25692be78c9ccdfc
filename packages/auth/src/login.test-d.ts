import { expectTypeOf, test } from 'vitest'
import { passwordLogin } from './login'
import { passwordLogin as nodePasswordLogin } from './node'

interface User {
  id: number
  passwordHash: string
}

test('the login resolves to the app’s own user type', () => {
  const find = async (email: string): Promise<User | null> => (email ? null : null)
  const login = passwordLogin({ findUser: find, passwordHash: (user) => user.passwordHash })
  expectTypeOf(login).toEqualTypeOf<
    (
      username: string,
      password: string,
      options?: { readonly priority?: 'normal' | 'low' },
    ) => Promise<User | undefined>
  >()
  const nodeLogin = nodePasswordLogin({ findUser: find, passwordHash: (user) => user.passwordHash })
  expectTypeOf(nodeLogin).toEqualTypeOf<typeof login>()
  // @ts-expect-error the hash must be read from the user as a string
  passwordLogin({ findUser: find, passwordHash: (user) => user.id })
})
