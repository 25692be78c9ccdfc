import { describe, expect, test } from 'vitest'
import { barChart, barLength, LAYOUT, scaleMaximum } from './chart'

const widths = (svg: string) =>
  [...svg.matchAll(/class="bar" data-value="[^"]+" x="[^"]+" y="[^"]+" width="([^"]+)"/g)].map(
    (match) => Number(match[1]),
  )

describe('barChart', () => {
  test('draws one bar per finite figure, in proportion, with its figure written after it', () => {
    const svg = barChart({
      title: 'GET',
      unit: 'µs',
      bars: [
        { label: 'Hono', value: 20, kind: 'baseline' },
        { label: 'Sluice', value: 10, kind: 'sluice' },
        { label: 'not measured', value: Number.NaN },
      ],
    })
    expect(widths(svg)).toEqual([LAYOUT.barArea, LAYOUT.barArea / 2])
    expect(svg).toContain('>20.0 µs</text>')
    expect(svg).toContain('>10.0 µs</text>')
    expect(svg).not.toContain('not measured')
    expect(svg).toContain('class="baseline"')
  })

  test('escapes labels and titles', () => {
    const svg = barChart({ title: 'a < b & "c"', unit: 'ms', bars: [{ label: '<x>', value: 1 }] })
    expect(svg).toContain('a &lt; b &amp; &quot;c&quot;')
    expect(svg).toContain('>&lt;x&gt;</text>')
    expect(svg).not.toContain('<x>')
  })

  test('an outlier is drawn broken at full width, so the others keep their length', () => {
    const values = [16, 17, 30, 240]
    expect(scaleMaximum(values)).toBe(30)
    expect(barLength(240, 30)).toEqual({ length: LAYOUT.barArea, broken: true })
    const svg = barChart({
      title: 'GET',
      unit: 'µs',
      bars: values.map((value, i) => ({ label: `c${i}`, value })),
    })
    expect(widths(svg)[2]).toBe(LAYOUT.barArea)
    expect(svg.match(/class="break"/g)).toHaveLength(1)
  })

  test('an empty chart is still a valid SVG with its title', () => {
    const svg = barChart({ title: 'nothing measured', unit: 'µs', bars: [] })
    expect(svg).toMatch(/^<svg [^>]+>[\s\S]*<\/svg>\n$/)
    expect(svg).toContain('nothing measured')
  })
})
