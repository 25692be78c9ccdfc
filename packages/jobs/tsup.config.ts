import { library } from '../../tsup.library'

export default library(['src/index.ts', 'src/bullmq.ts', 'src/pg-boss.ts'])
