/**
 * Swagger UI in a real headless Chromium against a running app: every operation
 * is listed, "Try it out" calls one, and the Authorize dialog logs in with the
 * OAuth2 password flow before a protected operation is called.
 *
 * Needs Debian's `chromium` at /usr/bin/chromium (CI installs it); skips
 * otherwise. The app is given nothing about its docs: on Node it serves Swagger
 * UI's files from the installed `swagger-ui-dist` package and ReDoc's from
 * `redoc` by default. The browser may reach nothing but the app, and the
 * pages' Content-Security-Policy must not refuse anything they load.
 */
import { existsSync } from 'node:fs'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createOpenAPIApp, PASSWORD } from '../../test-fixtures/openapi-app'
import { type ServerHandle, serve } from '../node'
import type { SwaggerUIAssets } from './docs'
import { redocDist } from './redoc-dist'
import { swaggerUIDist } from './swagger-ui-dist'

const CHROMIUM = '/usr/bin/chromium'
const hasChromium = existsSync(CHROMIUM)
const title = hasChromium
  ? 'Swagger UI in headless Chromium'
  : `Swagger UI in headless Chromium: SKIPPED, ${CHROMIUM} is missing (apt-get install -y chromium)`
if (!hasChromium) console.warn(title)

describe.skipIf(!hasChromium)(title, () => {
  const app = createOpenAPIApp()
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

  test('ReDoc at /redoc renders every operation from the app’s own bundle', async () => {
    await page.goto(`${server.url}/redoc`)
    const operations = page.locator('[data-section-id^="operation/"]')
    await operations.first().waitFor({ timeout: 30_000 })
    const ids = await operations.evaluateAll((sections) =>
      sections.map((section) => section.getAttribute('data-section-id')),
    )
    const expected = Object.values(app.openapi().paths).flatMap((item) =>
      Object.values(item).map((op) => `operation/${op.operationId}`),
    )
    expect([...new Set(ids)].sort()).toEqual(expected.sort())
  }, 60_000)

  test('nothing was loaded from outside the app, and the Content-Security-Policy refused nothing but ReDoc’s logo', () => {
    expect(outside).toEqual([])
    // ReDoc's menu shows Redocly's logo from their CDN; the policy keeps the page from loading it.
    const logo = /^Loading the image 'https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini\.svg'/
    expect(refused.filter((message) => !logo.test(message))).toEqual([])
  })
})

describe('the docs pages without a browser', () => {
  const swaggerUIVersion = swaggerUIDist().version
  const redocVersion = redocDist().version

  test('Swagger UI’s files are the app’s own by default on Node, under their version, with a Content-Security-Policy and no inline script', async () => {
    const app = createOpenAPIApp()
    const res = await app.request('/docs')
    const policy = res.headers.get('content-security-policy') ?? ''
    expect(policy).toContain("script-src 'self';")
    expect(policy).toContain("connect-src 'self'")
    const html = await res.text()
    expect(html).not.toMatch(/<script>/)
    expect(html).not.toContain('cdn.jsdelivr.net')
    expect(html).toContain('data-openapi="/openapi.json"')
    const folder = `/docs/swagger-ui-dist@${swaggerUIVersion}`
    for (const [path, type] of [
      [`${folder}/swagger-ui.css`, 'text/css; charset=utf-8'],
      [`${folder}/swagger-ui-bundle.js`, 'text/javascript; charset=utf-8'],
      ['/docs/swagger-initializer.js', 'text/javascript; charset=utf-8'],
    ] as const) {
      expect(html).toContain(`"${path}"`)
      const asset = await app.request(path)
      expect([asset.status, asset.headers.get('content-type')]).toEqual([200, type])
    }
    expect((await app.request(`${folder}/package.json`)).status).toBe(404)
    // Another version's URL is not this file.
    expect((await app.request('/docs/swagger-ui-dist@1.0.0/swagger-ui-bundle.js')).status).toBe(404)
  })

  test('ReDoc at /redoc, as FastAPI serves it, with the app’s own bundle', async () => {
    const app = createOpenAPIApp()
    const res = await app.request('/redoc')
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const policy = res.headers.get('content-security-policy') ?? ''
    expect(policy).toContain("script-src 'self';")
    const html = await res.text()
    expect(html).toContain('<redoc spec-url="/openapi.json"></redoc>')
    expect(html).toContain('<title>Todo API - ReDoc</title>')
    const bundle = `/redoc/redoc@${redocVersion}/redoc.standalone.js`
    expect(html).toContain(`<script src="${bundle}"></script>`)
    const asset = await app.request(bundle)
    expect(asset.status).toBe(200)
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await createOpenAPIApp({ redoc: false }).request('/redoc')).status).toBe(404)
    expect((await createOpenAPIApp({ redoc: '/reference' }).request('/reference')).status).toBe(200)
  })

  test('a reader of the app’s own, without a version, is served under no version and checked by caches each time', async () => {
    const read: SwaggerUIAssets = async (file) => `/* ${file} */`
    const app = createOpenAPIApp({ swaggerUIAssets: read })
    expect(await (await app.request('/docs')).text()).toContain(
      '"/docs/swagger-ui-dist/swagger-ui.css"',
    )
    const css = await app.request('/docs/swagger-ui-dist/swagger-ui.css')
    expect(await css.text()).toBe('/* swagger-ui.css */')
    expect(css.headers.get('cache-control')).toBe('no-cache')
    const again = await app.request('/docs/swagger-ui-dist/swagger-ui.css', {
      headers: { 'if-none-match': css.headers.get('etag') ?? '' },
    })
    expect(again.status).toBe(304)
  })
})
