import { transaction } from '@sluice/db'
import { and, eq, isNull } from 'drizzle-orm'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import type { Database } from './db/database'
import type * as schema from './db/schema'
import { refreshTokens } from './db/schema'

/** A refresh token is 32 random bytes, handed out once and stored only as its SHA-256. */
function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')
}

async function hashOf(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

const now = () => new Date().toISOString()

/** Starts a new family (one login session) with the scopes granted at login, and returns its first token. */
export async function issueRefreshToken(
  db: Database,
  userId: number,
  scopes: readonly string[],
  ttlSeconds: number,
): Promise<string> {
  const token = newToken()
  db.insert(refreshTokens)
    .values({
      user_id: userId,
      family_id: crypto.randomUUID(),
      scope: scopes.join(' '),
      token_hash: await hashOf(token),
      expires_at: new Date(Date.now() + ttlSeconds * 1000).toISOString(),
    })
    .run()
  return token
}

/** What presenting a refresh token leads to. */
export type Rotation = { ok: true; userId: number; scopes: string[]; token: string } | { ok: false }

/**
 * Exchanges a refresh token for a new one of the same family. A token that was
 * already exchanged (or revoked) being presented again means it leaked: the
 * whole family is revoked, so the thief's and the owner's tokens both stop working.
 */
export async function rotateRefreshToken(
  db: Database,
  presented: string,
  ttlSeconds: number,
): Promise<Rotation> {
  const tokenHash = await hashOf(presented)
  const next = newToken()
  const nextHash = await hashOf(next)
  return transaction(db, (tx): Rotation => {
    const row = tx.select().from(refreshTokens).where(eq(refreshTokens.token_hash, tokenHash)).get()
    if (!row) return { ok: false }
    if (row.replaced_at || row.revoked_at) {
      revokeFamily(tx, row.family_id)
      return { ok: false }
    }
    if (row.expires_at <= now()) return { ok: false }
    tx.update(refreshTokens).set({ replaced_at: now() }).where(eq(refreshTokens.id, row.id)).run()
    tx.insert(refreshTokens)
      .values({
        user_id: row.user_id,
        family_id: row.family_id,
        scope: row.scope,
        token_hash: nextHash,
        expires_at: new Date(Date.now() + ttlSeconds * 1000).toISOString(),
      })
      .run()
    return {
      ok: true,
      userId: row.user_id,
      scopes: row.scope.split(' ').filter(Boolean),
      token: next,
    }
  })
}

/** Ends the session a refresh token belongs to. Unknown tokens are ignored: logging out twice is fine. */
export async function revokeRefreshToken(db: Database, presented: string): Promise<void> {
  const row = db
    .select({ family: refreshTokens.family_id })
    .from(refreshTokens)
    .where(eq(refreshTokens.token_hash, await hashOf(presented)))
    .get()
  if (row) revokeFamily(db, row.family)
}

/** Revokes every live token of a family, inside or outside a transaction. */
function revokeFamily(
  db: BaseSQLiteDatabase<'sync', unknown, typeof schema>,
  familyId: string,
): void {
  db.update(refreshTokens)
    .set({ revoked_at: now() })
    .where(and(eq(refreshTokens.family_id, familyId), isNull(refreshTokens.revoked_at)))
    .run()
}
