// FastAPI docs_src/path_params/tutorial003b: of two routes for one path, the first declared answers.
// FastAPI warns about the duplicate operation id; Sluice refuses it, so each route names its own.
import { createApp, route } from '@sluice/core'

const readUsers = route.get('/users', { operationId: 'read_users' }, () => ['Rick', 'Morty'])
const readUsers2 = route.get('/users', { operationId: 'read_users2' }, () => ['Bean', 'Elfo'])

export const app = createApp({ routes: [readUsers, readUsers2] })
