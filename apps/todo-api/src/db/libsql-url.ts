/**
 * The libSQL URL of a `DATABASE_URL` setting: URLs stay as they are, and a
 * SQLite file path becomes a `file:` URL, so Bun and Deno open the same files
 * as Node.
 *
 * @example
 * ```ts
 * asLibsqlUrl('./data/todo.db') // 'file:./data/todo.db'
 * asLibsqlUrl('postgres://db/todo') // unchanged
 * ```
 */
export function asLibsqlUrl(setting: string): string {
  return /^([a-z][a-z0-9+.-]*:\/\/|file:)/i.test(setting) ? setting : `file:${setting}`
}
