import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createApp, type Dependency, depends, HTTPException, requireScopes, route } from './index'

/** A dependency that hands on `context.resolve`: what an endpoint deciding late (GraphQL) uses. */
const resolver = depends((_, { resolve }) => resolve)

/** Answers with what `resolve` gave, or the error it raised, for the dependency the query names. */
function appResolving(named: Record<string, Dependency<unknown>>) {
  return createApp({
    routes: [
      route.get(
        '/',
        { query: v.object({ dep: v.string() }), deps: { resolve: resolver } },
        async ({ query, resolve }) => {
          const first = await resolve(named[query.dep]!)
          const again = await resolve(named[query.dep]!)
          return { first, again }
        },
      ),
    ],
  })
}

describe('context.resolve: a dependency resolved on demand, within the request', () => {
  test('runs only the dependency asked for, once per request, with its own inputs', async () => {
    const calls: string[] = []
    const tenant = depends({ headers: v.object({ x_tenant: v.string() }) }, ({ headers }) => {
      calls.push('tenant')
      return headers.x_tenant
    })
    const other = depends(() => {
      calls.push('other')
      return 'other'
    })
    const app = appResolving({ tenant, other })
    const response = await app.request('/?dep=tenant', { headers: { 'x-tenant': 'acme' } })
    expect(await response.json()).toEqual({ first: 'acme', again: 'acme' })
    expect(calls).toEqual(['tenant'])
  })

  test('cache: false runs it for every use', async () => {
    let calls = 0
    const counted = depends(() => ++calls, { cache: false })
    const app = appResolving({ counted })
    expect(await (await app.request('/?dep=counted')).json()).toEqual({ first: 1, again: 2 })
  })

  test("its inputs' issues and its exceptions reach the caller, not the response", async () => {
    const tenant = depends(
      { headers: v.object({ x_tenant: v.string() }) },
      ({ headers }) => headers.x_tenant,
    )
    const refuse = depends(() => {
      throw new HTTPException(403, 'Not yours')
    })
    const caught = createApp({
      routes: [
        route.get('/', { deps: { resolve: resolver } }, async ({ resolve }) => {
          const outcomes = await Promise.allSettled([resolve(tenant), resolve(refuse)])
          return outcomes.map((outcome) =>
            outcome.status === 'rejected' ? (outcome.reason as Error).constructor.name : 'ok',
          )
        }),
      ],
    })
    expect(await (await caught.request('/')).json()).toEqual([
      'RequestValidationError',
      'HTTPException',
    ])
  })

  test('scopes required of it reach its dependencies, as in a route', async () => {
    const granted = depends((_, { scopes }) => [...scopes])
    const app = appResolving({ scoped: requireScopes(granted, ['todos:read']) })
    expect(await (await app.request('/?dep=scoped')).json()).toEqual({
      first: ['todos:read'],
      again: ['todos:read'],
    })
  })

  test("the app's overrides apply to it", async () => {
    const real = depends(() => 'real')
    const app = appResolving({ real })
    expect(await (await app.request('/?dep=real')).json()).toEqual({ first: 'real', again: 'real' })
    app.override(real, () => 'fake')
    expect(await (await app.request('/?dep=real')).json()).toEqual({ first: 'fake', again: 'fake' })
  })

  test('a generator it starts is cleaned up after the response', async () => {
    const events: string[] = []
    const session = depends(function* () {
      events.push('open')
      yield 'session'
      events.push('close')
    })
    let closed!: () => void
    const done = new Promise<void>((resolve) => {
      closed = resolve
    })
    const watcher = depends(function* () {
      yield null
      closed()
    })
    const app = createApp({
      routes: [
        route.get('/', { deps: { resolve: resolver, watcher } }, async ({ resolve }) => {
          const value = await resolve(session)
          events.push('handler')
          return value
        }),
      ],
    })
    expect(await (await app.request('/')).json()).toBe('session')
    await done
    expect(events).toEqual(['open', 'handler', 'close'])
  })
})
