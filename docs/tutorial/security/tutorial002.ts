// FastAPI docs_src/security/tutorial002: a current-user dependency built on the token.
import { oauth2PasswordBearer } from '@sluice/auth'
import { createApp, depends, route } from '@sluice/core'

const oauth2Scheme = oauth2PasswordBearer({ tokenUrl: 'token' })

interface User {
  username: string
  email?: string | null
  full_name?: string | null
  disabled?: boolean | null
}

function fakeDecodeToken(token: string): User {
  return { username: `${token}fakedecoded`, email: 'john@example.com', full_name: 'John Doe' }
}

const getCurrentUser = depends({ token: oauth2Scheme }, ({ token }) => fakeDecodeToken(token))

const readUsersMe = route.get(
  '/users/me',
  { deps: { currentUser: getCurrentUser } },
  ({ currentUser }) => ({
    disabled: null,
    ...currentUser,
  }),
)

export const app = createApp({ routes: [readUsersMe] })
