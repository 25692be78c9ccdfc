import { installedBinary, startServer } from '../server'
import { todoApiSuite } from '../suite'

todoApiSuite('Deno', () =>
  startServer(installedBinary('deno', 'deno'), [
    'run',
    '--allow-all',
    '--sloppy-imports',
    '--conditions=@sluice/source',
    'src/deno.ts',
  ]),
)
