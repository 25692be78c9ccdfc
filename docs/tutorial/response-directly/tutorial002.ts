// FastAPI docs_src/response_directly/tutorial002: a Response with another media type, XML.
import { createApp, route } from '@sluice/core'

const data = `<?xml version="1.0"?>
    <shampoo>
    <Header>
        Apply shampoo here.
    </Header>
    <Body>
        You'll have to use soap here.
    </Body>
    </shampoo>
    `

const getLegacyData = route.get(
  '/legacy/',
  {},
  () => new Response(data, { headers: { 'content-type': 'application/xml' } }),
)

export const app = createApp({ routes: [getLegacyData] })
