// Sluice port of FastAPI tests/test_skip_defaults.py (app.py): `excludeUnset`, `excludeDefaults`
// and `excludeNone`, on a model and on a list of models. What the handler returns is what it set.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const SubModel = v.object({ a: v.optional(v.nullable(v.string()), 'foo') })
const Model = v.object({
  x: v.optional(v.nullable(v.pipe(v.number(), v.integer())), null),
  sub: SubModel,
})
const ModelDefaults = v.object({
  w: v.optional(v.nullable(v.string()), null),
  x: v.optional(v.nullable(v.string()), null),
  y: v.optional(v.string(), 'y'),
  z: v.optional(v.string(), 'z'),
})

const modelDefaults = () => ({ x: null, y: 'y' })

export const app = createApp({
  routes: [
    route.get('/', { response: Model, excludeUnset: true }, () => ({ sub: {}, y: 1, z: 0 })),
    route.get('/exclude_unset', { response: ModelDefaults, excludeUnset: true }, modelDefaults),
    route.get(
      '/exclude_defaults',
      { response: ModelDefaults, excludeDefaults: true },
      modelDefaults,
    ),
    route.get('/exclude_none', { response: ModelDefaults, excludeNone: true }, modelDefaults),
    route.get(
      '/exclude_unset_none',
      { response: ModelDefaults, excludeUnset: true, excludeNone: true },
      modelDefaults,
    ),
    route.get(
      '/iterable_exclude_unset',
      { response: v.array(ModelDefaults), excludeUnset: true },
      () => [modelDefaults()],
    ),
    route.get(
      '/iterable_exclude_defaults',
      { response: v.array(ModelDefaults), excludeDefaults: true },
      () => [modelDefaults()],
    ),
    route.get(
      '/iterable_exclude_none',
      { response: v.array(ModelDefaults), excludeNone: true },
      () => [modelDefaults()],
    ),
  ],
})
