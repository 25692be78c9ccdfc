/*
 * Refresh tokens, stored as SHA-256 hashes. Each login starts a family; every
 * refresh replaces the token with a new one of the same family, and presenting a
 * replaced token again revokes the whole family (reuse detection).
 *
 * No step needs a transaction, so this works the same on D1 (which has none
 * across awaits) and on several app processes sharing PostgreSQL: a token is
 * consumed by one conditional UPDATE, which only one concurrent request can win,
 * and a token counts only while its family has no revoked member.
 */
import { and, eq, gt, isNotNull, isNull, notExists } from 'drizzle-orm'
// alias() is the same dialect-neutral proxy in every drizzle dialect, so it serves the PostgreSQL tables too.
import { alias } from 'drizzle-orm/sqlite-core'
import type { Database, Tables } from '../db/database'
import { isoIn, isoNow } from '../db/time'

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

type Grant = Pick<Tables['refreshTokens']['$inferInsert'], 'user_id' | 'family_id' | 'scope'>

/** Stores a new token of a family and returns it. */
async function addToken(
  { orm, tables: { refreshTokens } }: Database,
  grant: Grant,
  ttlSeconds: number,
): Promise<string> {
  const token = newToken()
  await orm
    .insert(refreshTokens)
    .values({ ...grant, token_hash: await hashOf(token), expires_at: isoIn(ttlSeconds) })
  return token
}

/** Starts a new family (one login session) with the scopes granted at login, and returns its first token. */
export function issueRefreshToken(
  db: Database,
  userId: number,
  scopes: readonly string[],
  ttlSeconds: number,
): Promise<string> {
  return addToken(
    db,
    { user_id: userId, family_id: crypto.randomUUID(), scope: scopes.join(' ') },
    ttlSeconds,
  )
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
  const { orm, tables } = db
  const { refreshTokens } = tables
  const tokenHash = await hashOf(presented)
  const revoked = alias(refreshTokens, 'revoked')
  const [used] = await orm
    .update(refreshTokens)
    .set({ replaced_at: isoNow() })
    .where(
      and(
        eq(refreshTokens.token_hash, tokenHash),
        isNull(refreshTokens.replaced_at),
        isNull(refreshTokens.revoked_at),
        gt(refreshTokens.expires_at, isoNow()),
        notExists(
          orm
            .select({ id: revoked.id })
            .from(revoked)
            .where(
              and(eq(revoked.family_id, refreshTokens.family_id), isNotNull(revoked.revoked_at)),
            ),
        ),
      ),
    )
    .returning()
  if (!used) {
    await revokeFamilyIfReused(db, tokenHash)
    return { ok: false }
  }
  return {
    ok: true,
    userId: used.user_id,
    scopes: used.scope.split(' ').filter(Boolean),
    token: await addToken(
      db,
      { user_id: used.user_id, family_id: used.family_id, scope: used.scope },
      ttlSeconds,
    ),
  }
}

/** A presented token that was already exchanged or revoked leaked: its family ends. */
async function revokeFamilyIfReused(db: Database, tokenHash: string): Promise<void> {
  const { refreshTokens } = db.tables
  const [seen] = await db.orm
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.token_hash, tokenHash))
  if (seen && (seen.replaced_at || seen.revoked_at)) await revokeFamily(db, seen.family_id)
}

/** Ends the session a refresh token belongs to. Unknown tokens are ignored: logging out twice is fine. */
export async function revokeRefreshToken(db: Database, presented: string): Promise<void> {
  const { refreshTokens } = db.tables
  const [row] = await db.orm
    .select({ family: refreshTokens.family_id })
    .from(refreshTokens)
    .where(eq(refreshTokens.token_hash, await hashOf(presented)))
  if (row) await revokeFamily(db, row.family)
}

async function revokeFamily({ orm, tables: { refreshTokens } }: Database, familyId: string) {
  await orm
    .update(refreshTokens)
    .set({ revoked_at: isoNow() })
    .where(and(eq(refreshTokens.family_id, familyId), isNull(refreshTokens.revoked_at)))
}

/** Ends every session of a user: after a password change, or when they log out everywhere. */
export async function revokeUserRefreshTokens(
  { orm, tables: { refreshTokens } }: Database,
  userId: number,
): Promise<void> {
  await orm
    .update(refreshTokens)
    .set({ revoked_at: isoNow() })
    .where(and(eq(refreshTokens.user_id, userId), isNull(refreshTokens.revoked_at)))
}
