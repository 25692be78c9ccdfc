import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createApp, route, router } from '../index'

const params = v.object({ id: v.number() })

describe('an app-level operationId generator (FastAPI’s generate_unique_id_function)', () => {
  const items = router({ prefix: '/items', tags: ['items'] }, [
    route.get('/', {}, function readItems() {
      return []
    }),
    route.get('/:id', { params }, function readItem() {
      return {}
    }),
    route.delete('/:id', { params, operationId: 'removeItem' }, () => null),
  ])
  // The FastAPI full-stack template's generator: f"{route.tags[0]}-{route.name}".
  const app = createApp({
    routes: [items],
    generateOperationId: ({ tags, name }) => `${tags[0]}-${name}`,
  })

  test('names every operation, and a route’s own operationId still wins', () => {
    const doc = app.openapi()
    expect(doc.paths['/items']?.get?.operationId).toBe('items-readItems')
    expect(doc.paths['/items/{id}']?.get?.operationId).toBe('items-readItem')
    expect(doc.paths['/items/{id}']?.delete?.operationId).toBe('removeItem')
  })

  test('it is told the method, the OpenAPI path, the tags and the handler’s name', () => {
    const seen: unknown[] = []
    createApp({
      routes: [items],
      generateOperationId: (operation) => {
        seen.push(operation)
        return `${operation.method}${seen.length}`
      },
    }).openapi()
    expect(seen[1]).toEqual({
      method: 'get',
      path: '/items/{id}',
      tags: ['items'],
      name: 'readItem',
    })
  })

  test('two operations given one id is an error naming both, when the app is created', () => {
    expect(() =>
      createApp({ routes: [items], generateOperationId: ({ tags }) => `${tags[0]}` }),
    ).toThrow('operationId "items" is used by both GET /items and GET /items/:id')
  })
})
