/** The same hello-world on plain Hono, the size to compare with. */
import { Hono } from 'hono'

export default new Hono().get('/', (c) => c.json({ message: 'Hello, world' }))
