import { expect, test } from 'vitest'
import { formatPhc, parsePhc } from './phc'

test('a PHC string round-trips with unpadded base64', () => {
  const salt = new Uint8Array([1, 2, 3, 4, 5])
  const hash = new Uint8Array([250, 251, 252, 253])
  const text = formatPhc({ id: 'scrypt', params: { ln: 17, r: 8, p: 1 }, salt, hash })
  expect(text).toBe('$scrypt$ln=17,r=8,p=1$AQIDBAU$+vv8/Q')
  expect(parsePhc(text)).toEqual({ id: 'scrypt', params: { ln: 17, r: 8, p: 1 }, salt, hash })
})

test.each([
  '',
  'plaintext',
  '$scrypt$ln=17$salt',
  '$scrypt$ln=abc$c2FsdA$aGFzaA',
  '$scrypt$ln=17$c2F*dA$aGFzaA',
  '$2b$12$abcdefghijklmnopqrstuv',
])('%j is not a PHC string', (text) => {
  expect(parsePhc(text)).toBeUndefined()
})
