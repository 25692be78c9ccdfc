import { appState, openAPIPath, type SluiceApp } from '@sluice/core'

/**
 * One route as `sluice routes` lists it.
 *
 * @example
 * ```ts
 * const row: RouteRow = {
 *   method: 'GET', path: '/todos/:id', operationId: 'get_todo',
 *   dependencies: ['token', 'currentUser'], security: ['OAuth2PasswordBearer[todos:read]'],
 * }
 * ```
 */
export interface RouteRow {
  readonly method: string
  /** The path as routed, router prefixes included (`/todos/:id`). */
  readonly path: string
  /** As in the OpenAPI document; `undefined` for a route hidden from it. */
  readonly operationId: string | undefined
  /** The dependencies it runs, in the order they run (each by its name). */
  readonly dependencies: readonly string[]
  /** The security schemes it requires, each with its scopes in brackets when it requires some. */
  readonly security: readonly string[]
}

/**
 * Every route of the app: method, path, operationId, the dependencies it runs
 * and the security it requires, in the order the app declares them.
 *
 * @example
 * ```ts
 * listRoutes(app).map((row) => `${row.method} ${row.path}`) // ['GET /health', 'POST /todos', …]
 * ```
 */
export function listRoutes(app: SluiceApp): RouteRow[] {
  const paths = app.openapi().paths
  return appState(app).routes.map(({ route, path, plan }) => {
    const operation = paths[openAPIPath(path)]?.[route.method]
    const security = (operation?.security ?? []).flatMap((requirement) =>
      Object.entries(requirement).map(([name, scopes]) =>
        scopes.length > 0 ? `${name}[${scopes.join(' ')}]` : name,
      ),
    )
    return {
      method: route.method.toUpperCase(),
      path,
      operationId: operation?.operationId,
      dependencies: plan.nodes.map((node) => node.declared.name),
      security,
    }
  })
}

/**
 * The rows as a table with a header, columns aligned, `-` for nothing.
 *
 * @example
 * ```ts
 * console.log(formatRoutes(listRoutes(app)))
 * ```
 */
export function formatRoutes(rows: readonly RouteRow[]): string {
  const header = ['METHOD', 'PATH', 'OPERATION ID', 'DEPENDENCIES', 'SECURITY']
  const cells = rows.map((row) => [
    row.method,
    row.path,
    row.operationId ?? '-',
    row.dependencies.join(', ') || '-',
    row.security.join(', ') || '-',
  ])
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((c) => c[i]!.length)))
  return [header, ...cells]
    .map((line) =>
      line
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}
