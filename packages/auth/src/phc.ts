/** A password hash in the PHC string format: `$id$param=value,…$salt$hash`. */
export interface PhcHash {
  readonly id: string
  readonly params: Readonly<Record<string, number>>
  readonly salt: Uint8Array<ArrayBuffer>
  readonly hash: Uint8Array<ArrayBuffer>
}

/**
 * Writes a PHC string; salt and hash in unpadded standard base64, as the PHC
 * format specifies.
 *
 * @example
 * ```ts
 * formatPhc({ id: 'pbkdf2-sha256', params: { i: 600000 }, salt, hash })
 * // '$pbkdf2-sha256$i=600000$…$…'
 * ```
 */
export function formatPhc({ id, params, salt, hash }: PhcHash): string {
  const settings = Object.entries(params)
    .map(([name, value]) => `${name}=${value}`)
    .join(',')
  return `$${id}$${settings}$${toBase64(salt)}$${toBase64(hash)}`
}

const PHC =
  /^\$([a-z0-9-]{1,32})\$((?:[a-z0-9-]{1,32}=\d{1,10},?)*)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/

/**
 * Reads a PHC string with numeric parameters, or `undefined` if it is not one.
 *
 * @example
 * ```ts
 * parsePhc('$scrypt$ln=17,r=8,p=1$c2FsdA$aGFzaA')?.params // { ln: 17, r: 8, p: 1 }
 * ```
 */
export function parsePhc(text: string): PhcHash | undefined {
  const match = PHC.exec(text)
  if (!match) return undefined
  const [, id, settings, salt, hash] = match as unknown as [string, string, string, string, string]
  const params: Record<string, number> = {}
  for (const setting of settings.split(',').filter(Boolean)) {
    const [name, value] = setting.split('=') as [string, string]
    params[name] = Number(value)
  }
  return { id, params, salt: fromBase64(salt), hash: fromBase64(hash) }
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/=+$/, '')
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text.padEnd(Math.ceil(text.length / 4) * 4, '=')), (char) =>
    char.charCodeAt(0),
  )
}
