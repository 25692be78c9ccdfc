import { library } from '../../tsup.library'

export default library({
  index: 'src/index.ts',
  node: 'src/node.ts',
  'swagger-ui-dist': 'src/openapi/swagger-ui-dist.ts',
})
