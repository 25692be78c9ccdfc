import { NODE_MAIN, startServer } from '../server'
import { todoApiSuite } from '../suite'

todoApiSuite('Node', () => startServer(process.execPath, NODE_MAIN))
