import { library } from '../../tsup.library'

// dev-server is an entry of its own: `sluice dev` runs it under `tsx watch`.
export default library(['src/index.ts', 'src/bin.ts', 'src/dev-server.ts'])
