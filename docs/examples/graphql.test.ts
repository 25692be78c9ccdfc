import { createClient } from 'graphql-http'
import { expect, test } from 'vitest'
import { app } from './graphql'

const fetchFn = (url: string | URL | Request, init?: RequestInit) =>
  app.request(url instanceof Request ? url : String(url), init)

/** Runs one operation with graphql-http's client, as a user holding `scopes`. */
function run(query: string, scopes: string) {
  const client = createClient({
    url: 'http://localhost/graphql',
    fetchFn,
    headers: { 'x-user': 'ada', 'x-scopes': scopes },
  })
  return new Promise<unknown>((resolve, reject) => {
    let result: unknown
    client.subscribe(
      { query },
      {
        next: (value) => {
          result = value
        },
        error: reject,
        complete: () => resolve(result),
      },
    )
  })
}

test('graphql: resolvers use the dependencies, and their errors become GraphQL errors', async () => {
  expect(await run('mutation { addNote(text: " Milk ") { text } }', 'notes:write')).toEqual({
    data: { addNote: { text: 'Milk' } },
  })
  expect(await run('{ notes { text } }', 'notes:read')).toEqual({
    data: { notes: [{ text: 'Milk' }] },
  })
  expect(await run('{ notes { text } }', 'notes:write')).toMatchObject({
    errors: [{ message: 'Not enough permissions', extensions: { code: 'FORBIDDEN', status: 403 } }],
  })
  expect(await run('mutation { addNote(text: "  ") { text } }', 'notes:write')).toMatchObject({
    errors: [{ extensions: { code: 'BAD_USER_INPUT', issues: [{ loc: ['body', 'text'] }] } }],
  })
})
