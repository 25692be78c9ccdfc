/** Turns measurements into the Markdown of RESULTS.md: figures, and each as a ratio to the baseline. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { type Bar, barChart } from './chart'
import { CHARTS_DIR } from './paths'
import type { ContenderResult, ScenarioResult } from './run'
import type { Endpoint } from './spec'
import { max, median, min } from './stats'

/** A performance target and whether this run met it. */
export interface TargetRow {
  readonly target: string
  readonly measured: string
  /** `undefined` when it could not be measured in this run. */
  readonly met: boolean | undefined
}

export const fixed = (value: number, digits = 1): string =>
  Number.isFinite(value) ? value.toFixed(digits) : '–'

export const ratio = (value: number, base: number): string =>
  Number.isFinite(value) && Number.isFinite(base) && base > 0
    ? `${(value / base).toFixed(2)}×`
    : '–'

/** A Markdown table, padded the way the repository's formatter (biome) lays tables out. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const width = (text: string) => [...text].length
  const widths = header.map((title, i) =>
    Math.max(3, width(title), ...rows.map((row) => width(row[i] ?? ''))),
  )
  const pad = (text: string, i: number) => text + ' '.repeat(widths[i]! - width(text))
  const line = (cells: readonly string[]) => `| ${cells.map(pad).join(' | ')} |`
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/**
 * One figure of one endpoint over the rounds: the median, except CPU per
 * request, which is the best round's — other work on the machine only ever
 * adds to it (cache and core contention), never takes away.
 */
export function figure(
  result: ContenderResult | undefined,
  endpoint: string,
  pick: 'cpuUsPerRequest' | 'cpuMedian' | 'requestsPerSecond' | 'p99Ms',
): number {
  const samples = result?.samples.get(endpoint) ?? []
  if (result?.skipped || samples.length === 0) return Number.NaN
  if (pick === 'cpuUsPerRequest') return min(samples.map((sample) => sample.cpuUsPerRequest))
  if (pick === 'cpuMedian') return median(samples.map((sample) => sample.cpuUsPerRequest))
  return median(samples.map((sample) => sample[pick]))
}

/**
 * One contender against another on one endpoint, read three ways so that no
 * verdict rests on one lucky round of a shared machine: the best rounds' ratio
 * (other work only ever inflates CPU per request), the ratio of the medians
 * over rounds, and the spread of the per-round ratios (both ran in each round,
 * one after the other, so a round's ratio compares like with like).
 */
export interface Comparison {
  /** The two best-round figures. */
  readonly value: number
  readonly other: number
  readonly best: number
  readonly median: number
  /** The lowest and highest per-round ratio. */
  readonly low: number
  readonly high: number
}

/**
 * Compares `id` with `other` on CPU µs per request (best is the lowest) or
 * throughput (best is the highest), as {@link Comparison} says.
 */
export function compare(
  run: ScenarioResult,
  id: string,
  other: string,
  endpoint: string,
  pick: 'cpuUsPerRequest' | 'requestsPerSecond' = 'cpuUsPerRequest',
): Comparison {
  const values = (contender: string) => {
    const result = find(run, contender)
    if (!result || result.skipped) return []
    return (result.samples.get(endpoint) ?? []).map((sample) => sample[pick])
  }
  return compareRounds(values(id), values(other), pick === 'cpuUsPerRequest' ? 'lowest' : 'highest')
}

/**
 * Compares `id`'s cold starts with `other`'s, one of each per round, as
 * {@link Comparison} says (the quickest start is the best: other work only slows one).
 */
export function compareColdStarts(run: ScenarioResult, id: string, other: string): Comparison {
  const starts = (contender: string) => {
    const result = find(run, contender)
    return !result || result.skipped ? [] : result.coldStartsMs
  }
  return compareRounds(starts(id), starts(other), 'lowest')
}

/** Two contenders' figures, one per round in the same order, as a {@link Comparison}. */
export function compareRounds(
  mine: readonly number[],
  theirs: readonly number[],
  best: 'lowest' | 'highest',
): Comparison {
  const pickBest = best === 'lowest' ? min : max
  const perRound = mine.length === theirs.length ? mine.map((value, i) => value / theirs[i]!) : []
  const value = pickBest(mine)
  const otherValue = pickBest(theirs)
  return {
    value,
    other: otherValue,
    best: value / otherValue,
    median: median(mine) / median(theirs),
    low: min(perRound),
    high: max(perRound),
  }
}

/** A comparison as the targets table states it: `18.7 vs 14.2 µs = 1.32× (medians 1.35×, rounds 1.28–1.51×)`. */
export function comparisonText(comparison: Comparison, unit: string, digits = 1): string {
  const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–')
  const spread = Number.isFinite(comparison.low)
    ? `, rounds ${comparison.low.toFixed(2)}–${times(comparison.high)}`
    : ''
  return `${fixed(comparison.value, digits)} vs ${fixed(comparison.other, digits)} ${unit} = ${times(comparison.best)} (medians ${times(comparison.median)}${spread})`
}

/**
 * Whether a comparison meets a target on both the best rounds and the medians
 * (`undefined` when either side was not measured): one lucky round cannot meet
 * it, nor one unlucky round miss it.
 */
export function verdict(
  comparison: Comparison,
  meets: (ratio: number) => boolean,
): boolean | undefined {
  if (!Number.isFinite(comparison.best) || !Number.isFinite(comparison.median)) return undefined
  return meets(comparison.best) && meets(comparison.median)
}

export function find(run: ScenarioResult, id: string): ContenderResult | undefined {
  return run.results.find((result) => result.contender.id === id)
}

/** The charts written so far in this run, as paths; the first is checked in Chromium. */
export const writtenCharts: { path: string; bars: number }[] = []

/** Which colour a contender's bar gets: Sluice's stand out, the baseline is marked. */
function barKind(run: ScenarioResult, id: string): NonNullable<Bar['kind']> {
  if (id === run.scenario.baseline) return 'baseline'
  return id.includes('sluice') ? 'sluice' : 'other'
}

/**
 * Draws one endpoint's best-round CPU µs per request by contender into
 * `charts/<scenario>-<endpoint>.svg` next to the report, and returns the
 * Markdown that shows it.
 */
export function cpuChart(run: ScenarioResult, endpoint: Endpoint): string {
  const bars = run.results
    .filter((result) => !result.skipped)
    .map((result) => ({
      label: result.contender.label,
      value: figure(result, endpoint.key, 'cpuUsPerRequest'),
      kind: barKind(run, result.contender.id),
    }))
  const title = `${endpoint.method} ${endpoint.path}: CPU µs per request (best round, shorter is cheaper)`
  return chartImage(`${run.scenario.id}-${endpoint.key}.svg`, title, bars)
}

/**
 * Writes a chart of CPU µs per request into `charts/<file>` next to the report
 * and returns the Markdown that shows it (nothing when no figure is finite).
 */
export function chartImage(file: string, title: string, bars: readonly Bar[]): string {
  const drawn = bars.filter((bar) => Number.isFinite(bar.value)).length
  if (!drawn) return ''
  mkdirSync(CHARTS_DIR, { recursive: true })
  writeFileSync(`${CHARTS_DIR}${file}`, barChart({ title, unit: 'µs', bars }))
  writtenCharts.push({ path: `${CHARTS_DIR}${file}`, bars: drawn })
  return `![${title}](charts/${file})`
}

/** Per endpoint: a chart of CPU per request, then CPU per request, throughput and p99, each with its ratio to the baseline. */
export function endpointTables(run: ScenarioResult): string {
  const base = find(run, run.scenario.baseline)
  const measured = run.results.filter((result) => !result.skipped)
  const sections = run.scenario.endpoints.map((endpoint) => {
    const rows = measured.map((result) => {
      const cpu = figure(result, endpoint.key, 'cpuUsPerRequest')
      const cpuMedian = figure(result, endpoint.key, 'cpuMedian')
      const rps = figure(result, endpoint.key, 'requestsPerSecond')
      const p99 = figure(result, endpoint.key, 'p99Ms')
      return [
        result.contender.label,
        fixed(cpu),
        ratio(cpu, figure(base, endpoint.key, 'cpuUsPerRequest')),
        fixed(cpuMedian),
        ratio(cpuMedian, figure(base, endpoint.key, 'cpuMedian')),
        fixed(rps, 0),
        ratio(rps, figure(base, endpoint.key, 'requestsPerSecond')),
        fixed(p99, 2),
        ratio(p99, figure(base, endpoint.key, 'p99Ms')),
      ]
    })
    return `### \`${endpoint.method} ${endpoint.path}\`\n\n${cpuChart(run, endpoint)}\n\n${table(
      [
        'contender',
        'CPU µs/req (best)',
        '× base',
        'CPU µs/req (median)',
        '× base',
        'req/s (median)',
        '× base',
        'p99 ms (median)',
        '× base',
      ],
      rows,
    )}`
  })
  return sections.join('\n\n')
}

/** Per contender: cold start to first response and peak RSS, with ratios. */
export function processTable(run: ScenarioResult): string {
  const base = find(run, run.scenario.baseline)
  const cold = (result: ContenderResult | undefined) => median(result?.coldStartsMs ?? [])
  const rss = (result: ContenderResult | undefined) => max(result?.peakRssMiB ?? [])
  const rows = run.results
    .filter((result) => !result.skipped)
    .map((result) => [
      result.contender.label,
      fixed(cold(result), 0),
      ratio(cold(result), cold(base)),
      fixed(rss(result), 1),
      ratio(rss(result), rss(base)),
    ])
  return table(
    ['contender', 'cold start ms (median)', '× base', 'peak RSS MiB (max)', '× base'],
    rows,
  )
}

/** Contenders that were not measured, and why. */
export function skippedList(run: ScenarioResult): string {
  const skipped = run.results.filter((result) => result.skipped)
  if (!skipped.length) return ''
  return `\nNot measured:\n\n${skipped
    .map((result) => `- **${result.contender.label}** ${result.skipped}`)
    .join('\n')}\n`
}

export function targetsTable(rows: readonly TargetRow[]): string {
  const verdict = (met: boolean | undefined) =>
    met === undefined ? 'not measured' : met ? 'met' : '**missed**'
  return table(
    ['target', 'measured', 'verdict'],
    rows.map((row) => [row.target, row.measured, verdict(row.met)]),
  )
}
