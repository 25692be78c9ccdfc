import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createApp, decimal, route } from '../index'

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

// Every answer below is FastAPI 0.142.2's (Pydantic 2.13) for `Decimal` and `condecimal(...)` fields.
describe('decimal()', () => {
  const Item = v.object({
    price: decimal(),
    d2: v.optional(v.nullable(decimal({ maxDigits: 5, decimalPlaces: 2 })), null),
    bounded: v.optional(decimal({ gt: 0, le: 100, multipleOf: '0.5' })),
  })
  const save = route.post('/items', { body: Item, response: Item }, ({ body }) => body)
  const lookup = route.get('/lookup', { query: v.object({ x: decimal() }) }, ({ query }) => ({
    x: query.x,
  }))
  const app = createApp({ routes: [save, lookup] })
  const price = async (input: unknown) =>
    (await (await app.request('/items', json({ price: input }))).json()).price
  const detail = async (body: unknown) =>
    (await (await app.request('/items', json(body))).json()).detail

  test("numbers and decimal text, answered as Python's str(Decimal)", async () => {
    expect(await price(5)).toBe('5')
    expect(await price(1.1)).toBe('1.1')
    expect(await price(0.1 + 0.2)).toBe('0.30000000000000004')
    expect(await price(1e21)).toBe('1E+21')
    expect(await price('5.50')).toBe('5.50')
    expect(await price(' 5 ')).toBe('5')
    expect(await price('+5')).toBe('5')
    expect(await price('005')).toBe('5')
    expect(await price('-0')).toBe('-0')
    expect(await price('.5')).toBe('0.5')
    expect(await price('5.')).toBe('5')
    expect(await price('1_000')).toBe('1000')
    expect(await price('1e3')).toBe('1E+3')
    expect(await price('0.0000001')).toBe('1E-7')
    expect(await price('0.000001')).toBe('0.000001')
    expect(await price('1.5e-3')).toBe('0.0015')
    expect(await price('12345678901234567890.123456789')).toBe('12345678901234567890.123456789')
  })

  test('what is not a decimal', async () => {
    expect(await detail({ price: 'five' })).toEqual([
      {
        type: 'decimal_parsing',
        loc: ['body', 'price'],
        msg: 'Input should be a valid decimal',
        input: 'five',
      },
    ])
    expect(await detail({ price: true, d2: 'NaN' })).toEqual([
      {
        type: 'decimal_type',
        loc: ['body', 'price'],
        msg: 'Decimal input should be an integer, float, string or Decimal object',
        input: true,
      },
      {
        type: 'finite_number',
        loc: ['body', 'd2'],
        msg: 'Input should be a finite number',
        input: 'NaN',
      },
    ])
    expect(await detail({})).toEqual([
      { type: 'missing', loc: ['body', 'price'], msg: 'Field required', input: {} },
    ])
  })

  test("condecimal's digits and bounds, in pydantic-core's order", async () => {
    const d2 = async (input: string) => (await detail({ price: 1, d2: input }))?.[0]
    expect(await d2('123.456')).toEqual({
      type: 'decimal_max_digits',
      loc: ['body', 'd2'],
      msg: 'Decimal input should have no more than 5 digits in total',
      input: '123.456',
      ctx: { max_digits: 5 },
    })
    expect(await d2('1234.5')).toMatchObject({
      type: 'decimal_whole_digits',
      msg: 'Decimal input should have no more than 3 digits before the decimal point',
      ctx: { whole_digits: 3 },
    })
    expect(await d2('0.001')).toMatchObject({
      type: 'decimal_max_places',
      msg: 'Decimal input should have no more than 2 decimal places',
      ctx: { decimal_places: 2 },
    })
    expect(await (await app.request('/items', json({ price: 1, d2: '00012.50' }))).json()).toEqual({
      price: '1',
      d2: '12.50',
    })
    expect(await (await app.request('/items', json({ price: 1, d2: '1.000' }))).json()).toEqual({
      price: '1',
      d2: '1.000',
    })
    const bounded = async (input: string) => (await detail({ price: 1, bounded: input }))?.[0]
    expect(await bounded('0')).toMatchObject({
      type: 'greater_than',
      msg: 'Input should be greater than 0',
      ctx: { gt: 0 },
    })
    expect(await bounded('100.5')).toMatchObject({
      type: 'less_than_equal',
      msg: 'Input should be less than or equal to 100',
      ctx: { le: 100 },
    })
    expect(await bounded('0.25')).toMatchObject({
      type: 'multiple_of',
      msg: 'Input should be a multiple of 0.5',
      ctx: { multiple_of: 0.5 },
    })
    expect(await (await app.request('/items', json({ price: 1, bounded: 99.5 }))).json()).toEqual({
      price: '1',
      d2: null,
      bounded: '99.5',
    })
  })

  test('read from a query string', async () => {
    expect(await (await app.request('/lookup?x=1.50')).json()).toEqual({ x: '1.50' })
    expect(await (await app.request('/lookup?x=abc')).json()).toEqual({
      detail: [
        {
          type: 'decimal_parsing',
          loc: ['query', 'x'],
          msg: 'Input should be a valid decimal',
          input: 'abc',
        },
      ],
    })
  })

  test('documented as Pydantic documents a Decimal: a number or a string of digits', () => {
    const document = app.openapi()
    const query = document.paths['/lookup']?.get?.parameters?.[0]
    expect(query?.schema).toEqual({
      anyOf: [{ type: 'number' }, { type: 'string', pattern: '^(?!^[-+.]*$)[+-]?0*\\d*\\.?\\d*$' }],
    })
    const body = document.paths['/items']?.post?.requestBody?.content['application/json']
      ?.schema as { properties: Record<string, { anyOf: unknown[] }> }
    expect(body.properties.d2?.anyOf[0]).toEqual({
      anyOf: [
        { type: 'number' },
        {
          type: 'string',
          pattern: '^(?!^[-+.]*$)[+-]?0*(?:\\d{0,3}|(?=[\\d.]{1,6}0*$)\\d{0,3}\\.\\d{0,2}0*$)',
        },
      ],
    })
    expect(body.properties.bounded?.anyOf[0]).toEqual({
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 100,
      multipleOf: 0.5,
    })
  })
})
