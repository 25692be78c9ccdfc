import * as v from 'valibot'

/** Pydantic's `PostgresDsn.allowed_schemes`: PostgreSQL, bare or with a Python driver. */
const SCHEMES = [
  'postgres',
  'postgresql',
  'postgresql+asyncpg',
  'postgresql+pg8000',
  'postgresql+psycopg',
  'postgresql+psycopg2',
  'postgresql+psycopg2cffi',
  'postgresql+py-postgresql',
  'postgresql+pygresql',
]

function parses(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

/**
 * A PostgreSQL URL as Pydantic's `PostgresDsn` accepts it (`postgres://`,
 * `postgresql://`, or `postgresql+<driver>://` for a Python driver such as
 * `psycopg`), with a host. The output drops the Python driver
 * (`postgresql+psycopg://…` → `postgresql://…`), so the URL a FastAPI app's
 * `.env` holds opens a node-postgres pool as it is. For `settings()`, whose
 * messages never print a `…_URL` or `…_DSN` value.
 *
 * @example
 * ```ts
 * const config = settings(v.object({ DATABASE_URL: postgresDsn() }))
 * // DATABASE_URL=postgresql+psycopg://app:secret@db:5432/app → 'postgresql://app:secret@db:5432/app'
 * ```
 */
export function postgresDsn(message = `a URL with scheme ${SCHEMES.join(', ')} and a host`) {
  return v.pipe(
    v.string(),
    v.check((text) => {
      const url = parses(text)
      return !!url && SCHEMES.includes(url.protocol.slice(0, -1)) && url.hostname !== ''
    }, message),
    v.transform((text) => text.replace(/^postgresql\+[^:]+:/i, 'postgresql:')),
  )
}
