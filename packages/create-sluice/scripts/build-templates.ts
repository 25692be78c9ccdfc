// `pnpm build`: writes dist/templates/{minimal,todo} (see src/generate-templates.ts).
import { fileURLToPath } from 'node:url'
import { generateTemplates } from '../src/generate-templates'

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url))
generateTemplates({
  root: at('../../../'),
  templates: at('../templates'),
  out: at('../dist/templates'),
})
