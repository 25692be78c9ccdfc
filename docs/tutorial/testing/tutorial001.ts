// FastAPI docs_src/app_testing/tutorial001: the app under test.
import { createApp, route } from '@sluice/core'

const readMain = route.get('/', {}, () => ({ msg: 'Hello World' }))

export const app = createApp({ routes: [readMain] })
