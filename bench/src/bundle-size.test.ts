/**
 * The Workers hello-world's bundle, measured as the bench measures it: an app
 * that serves no OpenAPI document bundles neither the generator nor the docs
 * pages, and the whole stays within its budget.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { type BundleSize, measureBundles } from './bundle-size'

/**
 * Gzipped bytes the Sluice hello-world may weigh: what it weighs today, rounded
 * up, so any growth is seen (29.5 KiB until `context.resolve`, the Pydantic errors of
 * the new types and HEAD routes brought it to 29.7). Issue 26 aims at 12.3 KiB (1.5× Hono's).
 */
const BUDGET_GZIPPED = 30 * 1024

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

  test(`weighs at most ${BUDGET_GZIPPED / 1024} KiB gzipped`, () => {
    expect(sluice.gzipped).toBeLessThanOrEqual(BUDGET_GZIPPED)
  })
})
