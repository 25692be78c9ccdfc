/** Plain Hono with hand-written validation: the baseline, served on Node (`hono.ts`) and on Bun (`../bun/hono.ts`). */
import { Hono } from 'hono'
import { checkGetItem, checkNewItem } from './hand-validation'
import { idCounter } from './port'

const nextId = idCounter()

export const app = new Hono()
  .get('/items/:id', (c) => {
    const checked = checkGetItem(c.req.param('id'), c.req.query('limit'))
    return checked.ok ? c.json(checked.value) : c.json({ detail: checked.issues }, 422)
  })
  .post('/items', async (c) => {
    const checked = checkNewItem(await c.req.json().catch(() => undefined))
    return checked.ok
      ? c.json({ id: nextId(), ...checked.value }, 201)
      : c.json({ detail: checked.issues }, 422)
  })
