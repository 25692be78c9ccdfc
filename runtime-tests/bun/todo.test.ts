import { installedBinary, startServer } from '../server'
import { todoApiSuite } from '../suite'

todoApiSuite('Bun', () =>
  startServer(installedBinary('bun', 'bin/bun.exe'), ['--conditions=@sluice/source', 'src/bun.ts']),
)
