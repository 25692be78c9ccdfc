/**
 * Opens a chart in Chromium (playwright-core, headless) and checks what a
 * reader would see: every bar is drawn at its length, and no label or figure
 * runs off the chart or into the bars.
 */
import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { LAYOUT } from './chart'

/** The browser: `BENCH_CHROMIUM`, else Debian's. */
const CHROMIUM = process.env.BENCH_CHROMIUM || '/usr/bin/chromium'

interface Rendered {
  readonly bars: { drawn: number; declared: number }[]
  readonly labels: { right: number; left: number; text: string }[]
  readonly figures: { right: number; text: string }[]
  readonly width: number
}

/**
 * Runs in the page. A string, not a function: tsx would add helpers to a
 * function's text that do not exist in the page.
 */
const MEASURE = `(() => {
  const svg = document.querySelector('svg')
  const box = (element) => element.getBBox()
  return {
    width: svg.getBoundingClientRect().width,
    bars: [...document.querySelectorAll('rect.bar')].map((bar) => ({
      drawn: bar.getBoundingClientRect().width,
      declared: Number(bar.getAttribute('width')),
    })),
    labels: [...document.querySelectorAll('text.label')].map((label) => ({
      left: box(label).x,
      right: box(label).x + box(label).width,
      text: label.textContent,
    })),
    figures: [...document.querySelectorAll('text.figure')].map((figure) => ({
      right: box(figure).x + box(figure).width,
      text: figure.textContent,
    })),
  }
})()`

/** What Chromium drew, measured in the page. */
async function render(svgPath: string): Promise<Rendered> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless'],
  })
  try {
    const page = await browser.newPage()
    await page.goto(pathToFileURL(svgPath).href)
    return (await page.evaluate(MEASURE)) as Rendered
  } finally {
    await browser.close()
  }
}

/**
 * Renders the chart and returns what is wrong with it (nothing when it is
 * right), or throws when Chromium is not there.
 *
 * @example
 * ```ts
 * const problems = await checkChartInChromium('bench/charts/items-get.svg', 8)
 * ```
 */
export async function checkChartInChromium(svgPath: string, bars: number): Promise<string[]> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set BENCH_CHROMIUM)`)
  const drawn = await render(svgPath)
  const problems: string[] = []
  if (drawn.bars.length !== bars) problems.push(`${drawn.bars.length} bars drawn, ${bars} expected`)
  for (const [i, bar] of drawn.bars.entries())
    if (Math.abs(bar.drawn - bar.declared) > 0.5)
      problems.push(`bar ${i + 1} drawn ${bar.drawn} px wide, declared ${bar.declared} px`)
  for (const label of drawn.labels)
    if (label.left < 0 || label.right > LAYOUT.labelWidth + 1)
      problems.push(
        `label "${label.text}" spans ${label.left}–${label.right} px, outside its column`,
      )
  for (const figure of drawn.figures)
    if (figure.right > drawn.width)
      problems.push(`figure "${figure.text}" ends at ${figure.right} px, past the chart's edge`)
  return problems
}
