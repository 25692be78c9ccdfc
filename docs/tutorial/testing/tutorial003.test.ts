// FastAPI docs_src/dependency_testing/tutorial001's test: `app.override` stands for
// `app.dependency_overrides`, and `app.clearOverrides()` for setting it back to `{}`.
import { afterEach, expect, test } from 'vitest'
import { app, commonParameters, overrideDependency } from '../dependency-testing/tutorial001'

afterEach(() => app.clearOverrides())

test('a function replaces the dependency: the query is no longer read', async () => {
  app.override(commonParameters, () => ({ q: null, skip: 5, limit: 10 }))
  const response = await app.request('/items/?q=foo&skip=100&limit=200')
  expect(await response.json()).toEqual({
    message: 'Hello Items!',
    params: { q: null, skip: 5, limit: 10 },
  })
})

test('a dependency replaces it, with inputs of its own', async () => {
  app.override(commonParameters, overrideDependency)
  const response = await app.request('/users/?q=foo&skip=100&limit=200')
  expect(await response.json()).toEqual({
    message: 'Hello Users!',
    params: { q: 'foo', skip: 5, limit: 10 },
  })
})

test('without overrides, the real one answers', async () => {
  const response = await app.request('/items/?q=foo&skip=100&limit=200')
  expect(await response.json()).toEqual({
    message: 'Hello Items!',
    params: { q: 'foo', skip: 100, limit: 200 },
  })
})
