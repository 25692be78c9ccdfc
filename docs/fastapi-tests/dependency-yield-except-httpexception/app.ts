// Sluice port of FastAPI tests/test_dependency_yield_except_httpexception.py (app.py): a generator
// dependency sees the handler's HTTPException, re-throws it, and commits only when none came.
import { createApp, depends, HTTPException, route } from '@sluice/core'
import * as v from 'valibot'

const fakeDatabase: Record<string, string> = { rick: 'Rick Sanchez' }
export const state = { except: false, finally: false }

const database = depends(async function* () {
  const tempDatabase = { ...fakeDatabase }
  try {
    yield tempDatabase
    Object.assign(fakeDatabase, tempDatabase)
  } catch (error) {
    if (error instanceof HTTPException) state.except = true
    throw error
  } finally {
    state.finally = true
  }
})

const params = v.object({ user_id: v.string() })

const putInvalidUser = route.put(
  '/invalid-user/:user_id',
  { params, body: v.string(), deps: { db: database } },
  ({ params, body, db }) => {
    db[params.user_id] = body
    throw new HTTPException(400, 'Invalid user')
  },
)

const putUser = route.put(
  '/user/:user_id',
  { params, body: v.string(), deps: { db: database } },
  ({ params, body, db }) => {
    db[params.user_id] = body
    return { message: 'OK' }
  },
)

export const app = createApp({ routes: [putInvalidUser, putUser] })
