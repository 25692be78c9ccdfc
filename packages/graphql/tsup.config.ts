import { library } from '../../tsup.library'

export default library(['src/index.ts'])
