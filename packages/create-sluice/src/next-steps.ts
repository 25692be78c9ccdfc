import { relative } from 'node:path'
import type { Answers } from './prompt'

/**
 * What to do once the files are written, as the scaffolder prints it.
 *
 * @example
 * ```ts
 * console.log(nextSteps('/home/me/my-api', answers, process.cwd()))
 * ```
 */
export function nextSteps(target: string, answers: Answers, cwd: string): string {
  const folder = relative(cwd, target) || '.'
  const lines = [
    `Created a Sluice ${answers.template} app in ${folder}.`,
    '',
    'Next steps:',
    ...(folder === '.' ? [] : [`  cd ${folder}`]),
    '  npm install',
  ]
  if (answers.template === 'todo' && answers.db === 'postgres')
    lines.push('  # start PostgreSQL, and check DATABASE_URL in .env')
  lines.push(
    '  npm run dev      # serves the app at http://localhost:8000, restarting on changes',
    '',
    'Then open http://localhost:8000/docs to try every route, and run `npm test`.',
    'Guide: https://github.com/sluice-dev/sluice/blob/main/docs/guide.md',
    'Coming from FastAPI: https://github.com/sluice-dev/sluice/blob/main/docs/migrating-from-fastapi.md',
  )
  return lines.join('\n')
}
