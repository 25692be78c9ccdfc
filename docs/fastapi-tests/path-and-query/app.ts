// Sluice port of FastAPI tests/main.py (app.py), the app of tests/test_path.py and
// tests/test_query.py: path and query parameters of every basic type, with bounds.
import { createApp, route, setOf } from '@sluice/core'
import * as v from 'valibot'

const Int = v.pipe(v.number(), v.integer())

/** A route that answers its path parameter, as the tests' `return item_id`. */
const echo = (name: string, itemId: v.GenericSchema) =>
  route.get(
    `/path/${name}/:item_id` as string,
    { params: v.object({ item_id: itemId }) },
    ({ params }) => params.item_id as string | number | boolean,
  )

/** `f"foo bar {query}"`, `"foo bar"` when the query is absent. */
const fooBar = (query: unknown) =>
  query === undefined || query === null ? 'foo bar' : `foo bar ${query}`
const queryRoute = <S extends v.GenericSchema>(path: string, query: S) =>
  route.get(path, { query: v.object({ query }) }, ({ query }) => fooBar(query.query))

export const app = createApp({
  routes: [
    route.get('/api_route', {}, () => ({ message: 'Hello World' })),
    route.get('/non_decorated_route', {}, () => ({ message: 'Hello World' })),
    route.get('/text', {}, () => 'Hello World'),
    route.get(
      '/path/:item_id',
      { params: v.object({ item_id: v.string() }) },
      ({ params }) => params.item_id as string | number | boolean,
    ),
    echo('str', v.string()),
    echo('int', Int),
    echo('float', v.number()),
    echo('bool', v.boolean()),
    echo('param', v.string()),
    echo('param-minlength', v.pipe(v.string(), v.minLength(3))),
    echo('param-maxlength', v.pipe(v.string(), v.maxLength(3))),
    echo('param-min_maxlength', v.pipe(v.string(), v.maxLength(3), v.minLength(2))),
    echo('param-gt', v.pipe(v.number(), v.gtValue(3))),
    echo('param-gt0', v.pipe(v.number(), v.gtValue(0))),
    echo('param-ge', v.pipe(v.number(), v.minValue(3))),
    echo('param-lt', v.pipe(v.number(), v.ltValue(3))),
    echo('param-lt0', v.pipe(v.number(), v.ltValue(0))),
    echo('param-le', v.pipe(v.number(), v.maxValue(3))),
    echo('param-lt-gt', v.pipe(v.number(), v.ltValue(3), v.gtValue(1))),
    echo('param-le-ge', v.pipe(v.number(), v.maxValue(3), v.minValue(1))),
    echo('param-lt-int', v.pipe(Int, v.ltValue(3))),
    echo('param-gt-int', v.pipe(Int, v.gtValue(3))),
    echo('param-le-int', v.pipe(Int, v.maxValue(3))),
    echo('param-ge-int', v.pipe(Int, v.minValue(3))),
    echo('param-lt-gt-int', v.pipe(Int, v.ltValue(3), v.gtValue(1))),
    echo('param-le-ge-int', v.pipe(Int, v.maxValue(3), v.minValue(1))),
    queryRoute('/query', v.string()),
    queryRoute('/query/optional', v.optional(v.string())),
    queryRoute('/query/int', Int),
    queryRoute('/query/int/optional', v.optional(Int)),
    queryRoute('/query/int/default', v.optional(Int, 10)),
    queryRoute('/query/param', v.optional(v.string())),
    queryRoute('/query/param-required', v.string()),
    queryRoute('/query/param-required/int', Int),
    route.get('/enum-status-code', { status: 201 }, () => 'foo bar'),
    route.get('/query/frozenset', { query: v.object({ query: setOf(Int) }) }, ({ query }) =>
      [...query.query].sort((a, b) => a - b).join(','),
    ),
    route.get(
      '/query/list',
      { query: v.object({ device_ids: v.array(Int) }), response: v.array(Int) },
      ({ query }) => query.device_ids,
    ),
    route.get(
      '/query/list-default',
      {
        query: v.object({ device_ids: v.optional(v.array(Int), () => []) }),
        response: v.array(Int),
      },
      ({ query }) => query.device_ids,
    ),
  ],
})
