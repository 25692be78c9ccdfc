import type { AnyDependency } from './depends'
import type { RequestSource } from './types'
import { type InputReader, sourceReader } from './validation/inputs'

/** Replacements for dependencies, keyed by the dependency they replace (see `app.override`). */
export type Overrides = ReadonlyMap<AnyDependency, AnyDependency>

/** One dependency to resolve for a request, with everything it needs already located. */
export interface PlanNode {
  /** The dependency to run: the declared one, or its override. */
  readonly dependency: AnyDependency
  /** The dependency as declared: the key for app-scoped values. */
  readonly declared: AnyDependency
  /** The scopes required of it along its path from the route, outermost first, each once. */
  readonly scopes: readonly string[]
  /** Its request inputs: which input slot feeds which source name. */
  readonly sources: readonly (readonly [RequestSource, number])[]
  /** Its dependencies: which node's value feeds which input name. */
  readonly deps: readonly (readonly [string, number])[]
}

/** Everything a route resolves per request, ordered so each node comes after what it needs. */
export interface Plan {
  /** Every input to read and validate, the route's own first. */
  readonly inputs: readonly InputReader[]
  /** How many of {@link Plan.inputs} are the route's own: validated after every dependency has run. */
  readonly own: number
  readonly nodes: readonly PlanNode[]
  /** The route's named dependencies, by handler argument name. */
  readonly named: readonly (readonly [string, number])[]
}

/** What a route contributes to its plan: its own inputs, its named deps, and deps that only run. */
export interface PlanRoot {
  readonly inputs: readonly InputReader[]
  readonly deps: Readonly<Record<string, AnyDependency>>
  readonly extra: readonly AnyDependency[]
}

/**
 * Orders a route's dependency graph once, when the app is built: each dependency
 * appears once per distinct set of required scopes (once per use when it opts out
 * of caching), after every dependency it needs, in declaration order (the router's
 * and the route's value-less `dependencies` first, as in FastAPI). A cycle is an
 * error that names it.
 *
 * @example
 * ```ts
 * const plan = compilePlan({ inputs: [], deps: { user: currentUser }, extra: [] }, new Map())
 * plan.nodes.map((node) => node.dependency.name) // ['token', 'currentUser']
 * ```
 */
export function compilePlan(root: PlanRoot, overrides: Overrides): Plan {
  const inputs = [...root.inputs]
  const nodes: PlanNode[] = []
  const cached = new Map<AnyDependency, Map<string, number>>()
  const path: AnyDependency[] = []

  const visit = (use: AnyDependency, inherited: readonly string[]): number => {
    const declared = use.base
    const dependency = overrides.get(declared) ?? declared
    const scopes = union(inherited, use.scopes)
    // One value per set of scopes, whatever their order (FastAPI's cache key sorts them too).
    const key = [...scopes].sort().join(' ')
    const byScopes = cached.get(declared)
    const known = dependency.cache ? byScopes?.get(key) : undefined
    if (known !== undefined) return known
    if (path.includes(declared)) {
      const cycle = [...path.slice(path.indexOf(declared)), declared].map((d) => d.name)
      throw new Error(`Dependency cycle: ${cycle.join(' -> ')}`)
    }
    path.push(declared)
    const deps = Object.entries(dependency.deps).map(
      ([name, child]) => [name, visit(child, scopes)] as const,
    )
    path.pop()
    const sources = SOURCE_ORDER.filter((source) => dependency.sources[source]).map((source) => {
      inputs.push(sourceReader(source, dependency.sources[source]!))
      return [source, inputs.length - 1] as const
    })
    nodes.push({ dependency, declared, scopes, sources, deps })
    const index = nodes.length - 1
    if (dependency.cache) {
      if (byScopes) byScopes.set(key, index)
      else cached.set(declared, new Map([[key, index]]))
    }
    return index
  }

  for (const dependency of root.extra) visit(dependency, [])
  const named = Object.entries(root.deps).map(
    ([name, dependency]) => [name, visit(dependency, [])] as const,
  )
  return { inputs, own: root.inputs.length, nodes, named }
}

/** FastAPI validates a dependant's parameters in this order, so its issues come in this order. */
const SOURCE_ORDER: readonly RequestSource[] = ['params', 'query', 'headers', 'cookies']

/** The scopes required further up, then this use's own not among them: FastAPI's `_get_oauth_scopes` order. */
function union(a: readonly string[], b: readonly string[]): readonly string[] {
  if (b.length === 0) return a
  return [...new Set([...a, ...b])]
}
