// FastAPI docs_src/custom_response/tutorial005: a plain text response.
import { createApp, route } from '@sluice/core'

const main = route.get('/', {}, ({ c }) => c.text('Hello World'))

export const app = createApp({ routes: [main] })
