import { describe, expect, test } from 'vitest'
import { differenceSummary, packageOf } from './profile'

describe('packageOf', () => {
  test('names the package of a bundled module by its path', () => {
    expect(packageOf('../node_modules/.pnpm/hono@4.13.19/node_modules/hono/dist/context.js')).toBe(
      'hono',
    )
    expect(
      packageOf(
        '../node_modules/.pnpm/@hono+node-server@2.1.8_hono@4.13.19/node_modules/@hono/node-server/dist/index.mjs',
      ),
    ).toBe('@hono/node-server')
    expect(packageOf('../packages/core/src/request.ts')).toBe('@sluice/core')
    expect(packageOf('../apps/todo-api/src/app.ts')).toBe('apps/todo-api')
    expect(packageOf('src/servers/port.ts')).toBe('bench server code')
  })
})

describe('differenceSummary', () => {
  test('lists where the second profile spends more and less, in µs per request', () => {
    const first = {
      label: 'A',
      cpuUsPerRequest: 10,
      shares: new Map([
        ['x', 0.5],
        ['y', 0.5],
      ]),
    }
    const second = {
      label: 'B',
      cpuUsPerRequest: 12,
      shares: new Map([
        ['x', 0.75],
        ['z', 0.25],
      ]),
    }
    expect(differenceSummary([first, second])).toBe(
      'B − A: +2.0 µs/req in all under the profiler; more in x +4.0, z +3.0; less in y -5.0 (µs/req, differences of 0.5 µs or more).',
    )
  })
})
