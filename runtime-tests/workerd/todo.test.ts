import { todoApiSuite } from '../suite'
import { startWorker } from './worker'

todoApiSuite('workerd (Workers + D1)', startWorker, { docsFiles: 'cdn' })
