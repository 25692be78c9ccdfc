/**
 * The contract every contender serves, in one place: the endpoints, the
 * requests the load generator sends, and the correctness cases checked before
 * any timing. A contender that answers any case differently is not timed.
 */

/** `GET /items/:id?limit=N` answers `{ id, name, limit }` with this name. */
export const itemName = (id: number): string => `Item ${id}`

/** The default of `limit` when the query omits it. */
export const DEFAULT_LIMIT = 10

/** The JSON body of the timed `POST /items`. */
export const POST_BODY = { name: 'Widget', price: 9.5, tags: ['a', 'b', 'c'] }

/** One timed endpoint: what the load generator sends. */
export interface Endpoint {
  readonly key: 'get' | 'post'
  readonly label: string
  readonly method: 'GET' | 'POST'
  readonly path: string
  readonly body?: string
}

export const ENDPOINTS: readonly Endpoint[] = [
  { key: 'get', label: 'GET /items/:id', method: 'GET', path: '/items/42?limit=5' },
  {
    key: 'post',
    label: 'POST /items',
    method: 'POST',
    path: '/items',
    body: JSON.stringify(POST_BODY),
  },
]

/** One correctness case: a request and the answer every contender must give. */
export interface Case {
  readonly name: string
  readonly method: 'GET' | 'POST'
  readonly path: string
  readonly body?: unknown
  readonly status: number
  /** The exact JSON body expected (an `id` of `'any-number'` matches any number); omitted for errors, whose shape is each framework's own. */
  readonly json?: Record<string, unknown>
}

const tooLong = 'x'.repeat(101)
const elevenTags = Array.from({ length: 11 }, (_, i) => `t${i}`)

export const CASES: readonly Case[] = [
  {
    name: 'GET with limit',
    method: 'GET',
    path: '/items/42?limit=5',
    status: 200,
    json: { id: 42, name: itemName(42), limit: 5 },
  },
  {
    name: 'GET default limit',
    method: 'GET',
    path: '/items/7',
    status: 200,
    json: { id: 7, name: itemName(7), limit: DEFAULT_LIMIT },
  },
  {
    name: 'GET limit 100',
    method: 'GET',
    path: '/items/1?limit=100',
    status: 200,
    json: { id: 1, name: itemName(1), limit: 100 },
  },
  { name: 'GET id 0', method: 'GET', path: '/items/0', status: 422 },
  { name: 'GET id not a number', method: 'GET', path: '/items/abc', status: 422 },
  { name: 'GET id fractional', method: 'GET', path: '/items/1.5', status: 422 },
  { name: 'GET limit 0', method: 'GET', path: '/items/1?limit=0', status: 422 },
  { name: 'GET limit 101', method: 'GET', path: '/items/1?limit=101', status: 422 },
  { name: 'GET limit not a number', method: 'GET', path: '/items/1?limit=ten', status: 422 },
  {
    name: 'POST valid',
    method: 'POST',
    path: '/items',
    body: POST_BODY,
    status: 201,
    json: { id: 'any-number', ...POST_BODY },
  },
  {
    name: 'POST no tags',
    method: 'POST',
    path: '/items',
    body: { name: 'A', price: 1, tags: [] },
    status: 201,
    json: { id: 'any-number', name: 'A', price: 1, tags: [] },
  },
  {
    name: 'POST empty name',
    method: 'POST',
    path: '/items',
    body: { ...POST_BODY, name: '' },
    status: 422,
  },
  {
    name: 'POST name too long',
    method: 'POST',
    path: '/items',
    body: { ...POST_BODY, name: tooLong },
    status: 422,
  },
  {
    name: 'POST price 0',
    method: 'POST',
    path: '/items',
    body: { ...POST_BODY, price: 0 },
    status: 422,
  },
  {
    name: 'POST negative price',
    method: 'POST',
    path: '/items',
    body: { ...POST_BODY, price: -1 },
    status: 422,
  },
  {
    name: 'POST price not a number',
    method: 'POST',
    path: '/items',
    body: { ...POST_BODY, price: 'cheap' },
    status: 422,
  },
  {
    name: 'POST 11 tags',
    method: 'POST',
    path: '/items',
    body: { ...POST_BODY, tags: elevenTags },
    status: 422,
  },
  {
    name: 'POST tags not a list',
    method: 'POST',
    path: '/items',
    body: { ...POST_BODY, tags: 'a' },
    status: 422,
  },
  {
    name: 'POST missing name',
    method: 'POST',
    path: '/items',
    body: { price: 1, tags: [] },
    status: 422,
  },
  { name: 'POST array body', method: 'POST', path: '/items', body: [POST_BODY], status: 422 },
]
