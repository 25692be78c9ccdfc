// Sluice port of FastAPI tests/test_repeated_parameter_alias.py (app.py): one name for a path
// parameter and a query parameter, each read from its own source.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const getParametersWithRepeatedAliases = route.get(
  '/:repeated_alias',
  {
    params: v.object({ repeated_alias: v.string() }),
    query: v.object({ repeated_alias: v.string() }),
  },
  ({ params, query }) => ({ path: params.repeated_alias, query: query.repeated_alias }),
)

export const app = createApp({ routes: [getParametersWithRepeatedAliases] })
