/**
 * The Workers hello-world's bundle, measured as the bench measures it: an app
 * that serves no OpenAPI document bundles neither the generator nor the docs
 * pages, and the whole stays within its budget.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { type BundleSize, measureBundles } from './bundle-size'

/**
 * Gzipped bytes the Sluice hello-world may weigh: what it weighs today (24.07 KiB)
 * with 1% headroom, so any growth is seen. It weighed 29.7 KiB until Workers apps
 * were built on Hono's TrieRouter alone (27.9) and WebSocket and SSE routes left
 * the `route` object (24.1). Issue 26 aims at 12.3 KiB (1.5× Hono's).
 */
const BUDGET_GZIPPED = 24.3 * 1024

describe('the Workers hello-world bundle', () => {
  let sluice: BundleSize
  beforeAll(async () => {
    sluice = (await measureBundles())[1]!
  })

  test('holds no OpenAPI generator, JSON Schema conversion or docs page', () => {
    const docs = sluice.files.filter((file) =>
      /core\/src\/openapi\/(openapi[\w-]*|docs|static-file)\.ts|to-json-schema|swagger-ui/.test(
        file,
      ),
    )
    expect(docs).toEqual([])
  })

  test('holds no WebSocket or server-sent events code, nor a router it does not route with', () => {
    const unused = sluice.files.filter((file) =>
      /core\/src\/realtime\/(ws|sse|ws-(upgrade|connection|socket|message|heartbeat))\.ts|hono\/dist\/(helper\/streaming|router\/(reg-exp|smart)-router)/.test(
        file,
      ),
    )
    expect(unused).toEqual([])
  })

  test(`weighs at most ${BUDGET_GZIPPED / 1024} KiB gzipped`, () => {
    expect(sluice.gzipped).toBeLessThanOrEqual(BUDGET_GZIPPED)
  })
})
