/*
 * Where the todo-api suite keeps its data. It runs twice (see vitest.config.ts):
 * on SQLite files, and with TODO_TEST_DATABASE=postgres on the PostgreSQL server
 * at TEST_DATABASE_URL, each test app in a schema of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { ConnectOptions } from '../src/db/connect'

export interface TestDatabase {
  readonly url: string
  readonly options: ConnectOptions
  /** Deletes the data, once the app is shut down. */
  drop(): Promise<void>
}

/** Whether this run of the suite is the PostgreSQL one. */
export const onPostgres = process.env.TODO_TEST_DATABASE === 'postgres'

/**
 * The PostgreSQL server for tests. Outside CI a missing server skips the
 * PostgreSQL run (vitest.config.ts says why); in CI it is an error.
 */
export function postgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL
  if (!url)
    throw new Error(
      'TEST_DATABASE_URL is not set: run `export TEST_DATABASE_URL=$(bash .ci/postgres)`',
    )
  return url
}

/** A fresh, empty database for one test app. */
export function testDatabase(): Promise<TestDatabase> {
  return onPostgres ? postgresSchema() : sqliteFile()
}

async function sqliteFile(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'todo-api-'))
  return {
    url: join(dir, 'todo.db'),
    options: {},
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  }
}

/**
 * Runs one statement on a connection of its own (DDL such as CREATE SCHEMA). The app's own
 * copy, not packages/db's test fixture, so the suite runs in a project made by
 * `npm create sluice -- --template todo`.
 */
async function runStatement(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/** A schema of its own, so test files run in parallel on one server. */
async function postgresSchema(): Promise<TestDatabase> {
  const url = postgresUrl()
  const name = `todo_test_${crypto.randomUUID().replaceAll('-', '')}`
  await runStatement(url, `CREATE SCHEMA ${name}`)
  return {
    url,
    options: { searchPath: name },
    drop: () => runStatement(url, `DROP SCHEMA ${name} CASCADE`),
  }
}
