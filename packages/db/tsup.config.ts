import { library } from '../../tsup.library'

export default library([
  'src/index.ts',
  'src/sqlite.ts',
  'src/libsql.ts',
  'src/d1.ts',
  'src/postgres.ts',
])
