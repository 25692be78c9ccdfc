// The tutorial pages are generated: each README.md must be what its page.md generates today,
// with the twins' code as it is and their answers as they are. `UPDATE_TUTORIAL_PAGES=1` rewrites them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import {
  indexEntries,
  indexLink,
  pageFiles,
  parseRequest,
  prettyJson,
  renderPage,
  tutorialDir,
} from './pages'

const update = process.env.UPDATE_TUTORIAL_PAGES === '1'

describe('tutorial pages', () => {
  for (const file of pageFiles()) {
    test(`${file.topic}/${file.page} is what ${file.source} generates`, async () => {
      const path = join(tutorialDir, file.topic, file.page)
      const page = await renderPage(file)
      if (update) writeFileSync(path, page)
      const committed = existsSync(path) ? readFileSync(path, 'utf8') : ''
      expect(committed, 'run `npx tsx docs/tutorial/pages.ts` and commit the pages').toBe(page)
    })
  }

  test('the index links every page, and only pages that exist', () => {
    const linked = indexEntries().map(({ link }) => link)
    const pages = pageFiles().map(({ topic, page }) => indexLink(topic, page))
    expect([...linked].sort()).toEqual(pages.sort())
  })
})

describe('the page syntax', () => {
  test('a request line, headers, then a body, JSON unless a content type says otherwise', () => {
    expect(parseRequest('PUT /items/5\nx-token: abc\n{"name": "Foo"}')).toEqual({
      method: 'PUT',
      path: '/items/5',
      headers: [
        ['x-token', 'abc'],
        ['content-type', 'application/json'],
      ],
      body: '{"name": "Foo"}',
    })
    expect(parseRequest('GET /items/').headers).toEqual([])
  })

  test('JSON is printed as Prettier prints it: short nested lists and plain objects on one line', () => {
    const value = {
      loc: ['path', 'a, b'],
      one: [{ x: 1, ctx: { le: 2 } }],
      many: [
        { a: 1, b: 2 },
        { a: 3, b: 4 },
      ],
      none: [],
    }
    expect(prettyJson(value)).toBe(
      [
        '{',
        '  "loc": ["path", "a, b"],',
        '  "one": [{ "x": 1, "ctx": { "le": 2 } }],',
        '  "many": [',
        '    { "a": 1, "b": 2 },',
        '    { "a": 3, "b": 4 }',
        '  ],',
        '  "none": []',
        '}',
      ].join('\n'),
    )
  })
})
