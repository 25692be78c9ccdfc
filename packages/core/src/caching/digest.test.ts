import { expect, test } from 'vitest'
import { sha1Hex as webCrypto } from './digest'
import { sha1Hex as nodeCrypto } from './digest.node'

test('#digest gives the same SHA-1 through WebCrypto (Workers) and node:crypto (Node, Bun, Deno)', async () => {
  for (const text of ['', '{}', '{"title":"café ☕"}', 'x'.repeat(300_000)]) {
    const bytes = new TextEncoder().encode(text)
    expect(await webCrypto(bytes)).toBe(nodeCrypto(bytes))
  }
  expect(nodeCrypto(new TextEncoder().encode('{}'))).toBe(
    'bf21a9e8fbc5a3846fb05b4fa0859e0917b2202f',
  )
})
