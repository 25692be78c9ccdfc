// FastAPI docs_src/dependencies/tutorial008e: a generator dependency whose cleanup runs after the handler,
// before the response is sent: FastAPI's `scope="function"`, Sluice's `scope: 'function'`.
import { createApp, depends, route } from '@sluice/core'

export const log: string[] = []

const getUsername = depends(
  function* () {
    try {
      yield 'Rick'
    } finally {
      log.push('Cleanup up before response is sent')
    }
  },
  { scope: 'function' },
)

const getUserMe = route.get(
  '/users/me',
  { deps: { username: getUsername } },
  ({ username }) => username,
)

export const app = createApp({ routes: [getUserMe] })
