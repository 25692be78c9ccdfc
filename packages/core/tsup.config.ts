import { library } from '../../tsup.library'

export default library(['src/index.ts', 'src/node.ts', 'src/swagger-ui-dist.ts'])
