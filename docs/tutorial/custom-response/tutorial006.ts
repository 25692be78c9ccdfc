// FastAPI docs_src/custom_response/tutorial006: a redirect (307, as FastAPI's RedirectResponse).
import { createApp, route } from '@sluice/core'

const redirectTyper = route.get('/typer', {}, ({ c }) =>
  c.redirect('https://typer.tiangolo.com', 307),
)

export const app = createApp({ routes: [redirectTyper] })
