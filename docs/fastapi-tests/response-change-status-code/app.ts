// Sluice port of FastAPI tests/test_response_change_status_code.py (app.py).
import { createApp, depends, route } from '@sluice/core'

const responseStatusSetter = depends((_, { response }) => {
  response.status = 201
})
const parentDep = depends({ result: responseStatusSetter }, ({ result }) => result)

const getMain = route.get('/', { dependencies: [parentDep] }, () => ({ msg: 'Hello World' }))

export const app = createApp({ routes: [getMain] })
