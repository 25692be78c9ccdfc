/**
 * Horizontal bar charts as standalone SVG, built by hand so the bench needs no
 * chart library: one bar per contender, its figure written after it, the
 * baseline marked by a dashed line. A bar far longer than the rest (FastAPI
 * next to the Node servers) is drawn broken, so the others keep their length.
 */

/** One bar: a contender and its figure; `kind` picks the colour. */
export interface Bar {
  readonly label: string
  readonly value: number
  readonly kind?: 'sluice' | 'baseline' | 'other'
}

export interface BarChart {
  readonly title: string
  /** Written after each figure, e.g. `µs`. */
  readonly unit: string
  readonly bars: readonly Bar[]
  /** Digits after the decimal point of each figure. */
  readonly digits?: number
}

/** The layout, in pixels; exported so the Chromium check can measure against it. */
export const LAYOUT = {
  width: 760,
  labelWidth: 300,
  barArea: 340,
  rowHeight: 26,
  barHeight: 18,
  top: 40,
  bottom: 12,
} as const

/** A bar longer than this many times the median is drawn broken. */
const OUTLIER_FACTOR = 3

const COLOURS = { sluice: '#2563eb', baseline: '#4b5563', other: '#9ca3af' } as const

const escapeXml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char]!,
  )

/** The figure the full bar width stands for: the largest one that is not an outlier. */
export function scaleMaximum(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const median = sorted[sorted.length >> 1]!
  const regular = sorted.filter((value) => value <= OUTLIER_FACTOR * median)
  return regular.at(-1) ?? sorted.at(-1)!
}

/** A bar's length in pixels, and whether it was cut at the edge of the chart. */
export function barLength(value: number, maximum: number): { length: number; broken: boolean } {
  if (value > maximum) return { length: LAYOUT.barArea, broken: true }
  return { length: Math.max(1, (value / maximum) * LAYOUT.barArea), broken: false }
}

/**
 * The chart as an SVG document; bars whose figure is not finite (a contender
 * that was not measured) are left out.
 *
 * @example
 * ```ts
 * const svg = barChart({
 *   title: 'GET /items/:id: CPU µs per request',
 *   unit: 'µs',
 *   bars: [{ label: 'Hono', value: 16.1, kind: 'baseline' }, { label: 'Sluice', value: 16.4, kind: 'sluice' }],
 * })
 * ```
 */
export function barChart(chart: BarChart): string {
  const bars = chart.bars.filter((bar) => Number.isFinite(bar.value) && bar.value > 0)
  const { width, labelWidth, rowHeight, barHeight, top, bottom } = LAYOUT
  const height = top + bars.length * rowHeight + bottom
  const maximum = bars.length ? scaleMaximum(bars.map((bar) => bar.value)) : 1
  const x0 = labelWidth + 10
  const rows = bars.map((bar, i) => {
    const y = top + i * rowHeight
    const { length, broken } = barLength(bar.value, maximum)
    const figure = `${bar.value.toFixed(chart.digits ?? 1)} ${chart.unit}`
    const textY = y + barHeight / 2 + 4.5
    const parts = [
      `<text x="${labelWidth}" y="${textY}" text-anchor="end" class="label">${escapeXml(bar.label)}</text>`,
      `<rect class="bar" data-value="${bar.value}" x="${x0}" y="${y}" width="${length.toFixed(1)}" height="${barHeight}" fill="${COLOURS[bar.kind ?? 'other']}"/>`,
      `<text x="${(x0 + length + 6).toFixed(1)}" y="${textY}" class="figure">${escapeXml(figure)}</text>`,
    ]
    if (broken) {
      // Two white slashes across the bar: it is longer than drawn.
      const bx = x0 + length - 24
      parts.push(
        `<path class="break" d="M${bx} ${y + barHeight + 2} l6 ${-barHeight - 4} M${bx + 6} ${y + barHeight + 2} l6 ${-barHeight - 4}" stroke="#fff" stroke-width="3"/>`,
      )
    }
    return parts.join('')
  })
  const baseline = bars.find((bar) => bar.kind === 'baseline')
  const baselineLine =
    baseline && baseline.value <= maximum
      ? `<line class="baseline" x1="${(x0 + barLength(baseline.value, maximum).length).toFixed(1)}" x2="${(x0 + barLength(baseline.value, maximum).length).toFixed(1)}" y1="${top - 6}" y2="${height - bottom + 4}" stroke="#111827" stroke-dasharray="3 3"/>`
      : ''
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(chart.title)}">
<style>text{font:13px system-ui,-apple-system,'Segoe UI',sans-serif;fill:#111827}.title{font-weight:600}.figure{font-variant-numeric:tabular-nums;paint-order:stroke;stroke:#fff;stroke-width:4px}</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="10" y="22" class="title">${escapeXml(chart.title)}</text>
${baselineLine}
${rows.join('\n')}
</svg>
`
}
