import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'

/** Debian's Chromium, which .ci/run installs; without it the browser checks skip. */
export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

export interface DocsPage {
  /** Operations Swagger UI rendered (`.opblock`), by "METHOD path". */
  readonly operations: string[]
  /** Every URL the page requested that was not on the app's own host. */
  readonly outside: string[]
}

/**
 * Opens `<base>/docs` in headless Chromium, waits until Swagger UI has rendered `expected`
 * operations, and reports them with every request the page made off the app's host.
 */
export async function openDocs(base: string, expected: number): Promise<DocsPage> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless'],
  })
  try {
    const page = await browser.newPage()
    const outside: string[] = []
    const ownHost = new URL(base).host
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.host !== ownHost)
        outside.push(request.url())
    })
    await page.goto(`${base}/docs`)
    await page
      .waitForFunction((count) => document.querySelectorAll('.opblock').length >= count, expected, {
        timeout: 120_000,
      })
      .catch((error: Error) => {
        throw new Error(
          `Swagger UI did not render ${expected} operations (${error.message}); requests off the app: ${outside.join(', ') || 'none'}`,
        )
      })
    const operations = await page.$$eval('.opblock', (blocks) =>
      blocks.map(
        (block) =>
          `${block.querySelector('.opblock-summary-method')?.textContent} ${block.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`,
      ),
    )
    return { operations, outside }
  } finally {
    await browser.close()
  }
}
