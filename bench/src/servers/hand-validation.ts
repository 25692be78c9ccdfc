/**
 * Hand-written validation of the two endpoints, shared by the raw `node:http`
 * and plain Hono contenders: the cheapest code that enforces the same rules.
 */
import { DEFAULT_LIMIT, itemName } from '../spec'

/** A validation failure, in FastAPI's shape, so the 422 body says what was wrong. */
export interface Issue {
  readonly loc: readonly (string | number)[]
  readonly msg: string
}

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: Issue[] }

const DIGITS = /^[0-9]{1,15}$/

/** `GET /items/:id?limit=N` → the response body, or the issues. */
export function checkGetItem(
  id: string,
  limit: string | undefined,
): Checked<{ id: number; name: string; limit: number }> {
  const issues: Issue[] = []
  const idValue = DIGITS.test(id) ? Number(id) : 0
  if (idValue < 1) issues.push({ loc: ['path', 'id'], msg: 'must be an integer ≥ 1' })
  const limitValue = limit === undefined ? DEFAULT_LIMIT : DIGITS.test(limit) ? Number(limit) : 0
  if (limitValue < 1 || limitValue > 100)
    issues.push({ loc: ['query', 'limit'], msg: 'must be an integer from 1 to 100' })
  if (issues.length) return { ok: false, issues }
  return { ok: true, value: { id: idValue, name: itemName(idValue), limit: limitValue } }
}

export interface NewItem {
  name: string
  price: number
  tags: string[]
}

/** `POST /items` body → the item, or the issues. */
export function checkNewItem(body: unknown): Checked<NewItem> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, issues: [{ loc: ['body'], msg: 'must be an object' }] }
  const { name, price, tags } = body as Record<string, unknown>
  const issues: Issue[] = []
  if (typeof name !== 'string' || name.length < 1 || name.length > 100)
    issues.push({ loc: ['body', 'name'], msg: 'must be a string of 1 to 100 characters' })
  if (typeof price !== 'number' || !Number.isFinite(price) || price <= 0)
    issues.push({ loc: ['body', 'price'], msg: 'must be a number > 0' })
  if (!Array.isArray(tags) || tags.length > 10 || !tags.every((tag) => typeof tag === 'string'))
    issues.push({ loc: ['body', 'tags'], msg: 'must be at most 10 strings' })
  if (issues.length) return { ok: false, issues }
  return {
    ok: true,
    value: { name: name as string, price: price as number, tags: tags as string[] },
  }
}
