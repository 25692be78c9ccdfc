/** A Sluice hello-world for Cloudflare Workers: what a user deploys first. */
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const hello = route.get('/', { response: v.object({ message: v.string() }) }, () => ({
  message: 'Hello, world',
}))

export default createApp({ routes: [hello] })
