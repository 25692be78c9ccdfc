// FastAPI docs_src/custom_response/tutorial006c: a redirect with another status, 302.
import { createApp, route } from '@sluice/core'

const redirectPydantic = route.get('/pydantic', {}, ({ c }) =>
  c.redirect('https://docs.pydantic.dev/', 302),
)

export const app = createApp({ routes: [redirectPydantic] })
