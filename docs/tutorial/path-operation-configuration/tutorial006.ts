// FastAPI docs_src/path_operation_configuration/tutorial006: tags, and an operation marked deprecated.
import { createApp, route } from '@sluice/core'

const readItems = route.get('/items/', { tags: ['items'] }, () => [{ name: 'Foo', price: 42 }])
const readUsers = route.get('/users/', { tags: ['users'] }, () => [{ username: 'johndoe' }])
const readElements = route.get('/elements/', { tags: ['items'], deprecated: true }, () => [
  { item_id: 'Foo' },
])

export const app = createApp({ routes: [readItems, readUsers, readElements] })
