// Sluice port of FastAPI tests/test_param_in_path_and_dependency.py (app.py): one path parameter
// declared by the route and by a dependency it runs.
import { createApp, depends, route } from '@sluice/core'
import * as v from 'valibot'

const params = v.object({ user_id: v.pipe(v.number(), v.integer()) })

const userExists = depends({ params }, () => true)

const readUsers = route.get('/users/:user_id', { params, deps: { userExists } }, () => null)

export const app = createApp({ routes: [readUsers] })
