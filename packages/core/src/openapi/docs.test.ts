/**
 * Swagger UI in a real headless Chromium against a running app: every operation
 * is listed, "Try it out" calls one, and the Authorize dialog logs in with the
 * OAuth2 password flow before a protected operation is called.
 *
 * Needs Debian's `chromium` at /usr/bin/chromium (CI installs it); skips
 * otherwise. The app serves Swagger UI's files from the installed
 * `swagger-ui-dist` package: the browser may reach nothing but the app, and the
 * page's Content-Security-Policy must not refuse anything it loads.
 */
import { existsSync } from 'node:fs'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createOpenAPIApp, PASSWORD } from '../../test-fixtures/openapi-app'
import { type ServerHandle, serve } from '../node'
import { swaggerUIDist } from './swagger-ui-dist'

const CHROMIUM = '/usr/bin/chromium'
const hasChromium = existsSync(CHROMIUM)
const title = hasChromium
  ? 'Swagger UI in headless Chromium'
  : `Swagger UI in headless Chromium: SKIPPED, ${CHROMIUM} is missing (apt-get install -y chromium)`
if (!hasChromium) console.warn(title)

describe.skipIf(!hasChromium)(title, () => {
  const app = createOpenAPIApp({ swaggerUIAssets: swaggerUIDist() })
  let server: ServerHandle
  let browser: Browser
  let page: Page
  /** Requests that left the app, and what the Content-Security-Policy refused. */
  const outside: string[] = []
  const refused: string[] = []

  beforeAll(async () => {
    server = await serve(app, { port: 0, hostname: '127.0.0.1', signals: false })
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    })
    page = await browser.newPage()
    await page.route('**', (route) => {
      if (route.request().url().startsWith(server.url)) return route.continue()
      outside.push(route.request().url())
      return route.abort()
    })
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text())
    })
    await page.goto(`${server.url}/docs`)
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  /** The block of one operation, as Swagger UI renders it. */
  const operation = (tag: string, operationId: string) =>
    page.locator(`#operations-${tag}-${operationId}`)

  /** Expands an operation, fills nothing, executes it and reads the live response's status. */
  async function tryItOut(tag: string, operationId: string): Promise<string> {
    const block = operation(tag, operationId)
    await block.locator('.opblock-summary').first().click()
    await block.locator('.try-out__btn').click()
    await block.locator('.execute').click()
    const status = block.locator('.live-responses-table tr.response .response-col_status').first()
    await status.waitFor()
    return (await status.textContent())?.trim() ?? ''
  }

  test('lists every operation of the document', async () => {
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 })
    const listed = await page
      .locator('.opblock')
      .evaluateAll((blocks) => blocks.map((block) => block.id))
    // Swagger UI names each block after the operation's first tag ('default' without one) and its id.
    const expected = Object.values(app.openapi().paths).flatMap((item) =>
      Object.values(item).map((op) => `operations-${op.tags?.[0] ?? 'default'}-${op.operationId}`),
    )
    expect(expected).toHaveLength(9)
    expect(listed.sort()).toEqual(expected.sort())
    expect(outside).toEqual([])
  }, 60_000)

  test('"Try it out" calls an operation and shows its 200', async () => {
    expect(await tryItOut('default', 'get_health')).toBe('200')
    const body = operation('default', 'get_health').locator('.live-responses-table .microlight')
    expect(await body.first().textContent()).toContain('"status": "ok"')
  }, 60_000)

  test('a protected operation answers 401 before logging in', async () => {
    expect(await tryItOut('todos', 'post_api_todos')).toBe('401')
  }, 60_000)

  test('logs in through the Authorize dialog (OAuth2 password flow), then calls it', async () => {
    await page.locator('.auth-wrapper .authorize').first().click()
    const oauth = page.locator('.auth-container', { hasText: 'OAuth2PasswordBearer' })
    await oauth.locator('#oauth_username').fill('ada')
    await oauth.locator('#oauth_password').fill(PASSWORD)
    await oauth.locator('.auth-btn-wrapper .authorize').click()
    await oauth.locator('.auth-btn-wrapper button', { hasText: 'Logout' }).waitFor()
    await page.locator('.dialog-ux .close-modal').first().click()

    const block = operation('todos', 'post_api_todos')
    await block.locator('.execute').click()
    const status = block.locator('.live-responses-table tr.response .response-col_status').first()
    await expect.poll(async () => (await status.textContent())?.trim()).toBe('201')
    const body = await block.locator('.live-responses-table .microlight').first().textContent()
    expect(body).toContain('"owner": "ada"')
  }, 60_000)

  test('nothing was loaded from outside the app, and the Content-Security-Policy refused nothing', () => {
    expect(outside).toEqual([])
    expect(refused).toEqual([])
  })
})

describe('the docs page without a browser', () => {
  test('serves Swagger UI’s files itself, with a Content-Security-Policy and no inline script', async () => {
    const app = createOpenAPIApp({ swaggerUIAssets: swaggerUIDist() })
    const res = await app.request('/docs')
    const policy = res.headers.get('content-security-policy') ?? ''
    expect(policy).toContain("script-src 'self';")
    expect(policy).toContain("connect-src 'self'")
    const html = await res.text()
    expect(html).not.toMatch(/<script>/)
    expect(html).toContain('data-openapi="/openapi.json"')
    for (const [path, type] of [
      ['/docs/swagger-ui-dist/swagger-ui.css', 'text/css; charset=utf-8'],
      ['/docs/swagger-ui-dist/swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
      ['/docs/swagger-initializer.js', 'text/javascript; charset=utf-8'],
    ] as const) {
      expect(html).toContain(`"${path}"`)
      const asset = await app.request(path)
      expect([asset.status, asset.headers.get('content-type')]).toEqual([200, type])
    }
    expect((await app.request('/docs/swagger-ui-dist/package.json')).status).toBe(404)
  })

  test('without its own assets, the page loads them from jsDelivr and the policy allows only that', async () => {
    const res = await createOpenAPIApp().request('/docs')
    expect(res.headers.get('content-security-policy')).toContain(
      "script-src 'self' https://cdn.jsdelivr.net;",
    )
    expect(await res.text()).toContain(
      'https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js',
    )
  })
})
