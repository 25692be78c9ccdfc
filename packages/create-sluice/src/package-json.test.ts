import { describe, expect, it } from 'vitest'
import { publishedManifest, registryRange, withoutSourceCondition } from './package-json'

const versions = { '@sluice/core': '0.3.1', '@sluice/db': '1.0.0' }

describe('registryRange', () => {
  it('turns workspace ranges into ranges on the workspace version', () => {
    expect(registryRange('@sluice/core', 'workspace:*', versions)).toBe('^0.3.1')
    expect(registryRange('@sluice/core', 'workspace:^', versions)).toBe('^0.3.1')
    expect(registryRange('@sluice/db', 'workspace:~', versions)).toBe('~1.0.0')
    expect(registryRange('hono', '^4.13.19', versions)).toBe('^4.13.19')
  })

  it('refuses a workspace package it does not know', () => {
    expect(() => registryRange('@sluice/nope', 'workspace:*', versions)).toThrow(/@sluice\/nope/)
  })
})

describe('withoutSourceCondition', () => {
  it('drops the flag, keeping other conditions', () => {
    expect(withoutSourceCondition('tsx --conditions=@sluice/source src/main.ts')).toBe(
      'tsx src/main.ts',
    )
    expect(withoutSourceCondition('node --conditions=@sluice/source,custom a.js')).toBe(
      'node --conditions=custom a.js',
    )
  })

  it('drops a *_CONDITIONS variable: without ours it names the tool defaults', () => {
    expect(
      withoutSourceCondition(
        'WRANGLER_BUILD_CONDITIONS=@sluice/source,workerd,worker,browser wrangler dev',
      ),
    ).toBe('wrangler dev')
  })

  it('leaves other scripts alone', () => {
    expect(withoutSourceCondition('drizzle-kit generate && tsc -p .')).toBe(
      'drizzle-kit generate && tsc -p .',
    )
  })
})

describe('publishedManifest', () => {
  it('rewrites ranges and scripts, and merges what the root provides', () => {
    const manifest = publishedManifest(
      {
        name: 'todo-api',
        private: true,
        scripts: { start: 'tsx --conditions=@sluice/source src/main.ts' },
        dependencies: { hono: '^4.0.0', '@sluice/core': 'workspace:*' },
        devDependencies: { '@sluice/db': 'workspace:^' },
      },
      versions,
      { scripts: { test: 'vitest run' }, devDependencies: { vitest: '4.1.12' } },
    )
    expect(manifest).toEqual({
      name: 'todo-api',
      private: true,
      scripts: { start: 'tsx src/main.ts', test: 'vitest run' },
      dependencies: { '@sluice/core': '^0.3.1', hono: '^4.0.0' },
      devDependencies: { '@sluice/db': '^1.0.0', vitest: '4.1.12' },
    })
  })
})
