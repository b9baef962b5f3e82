import { randomBytes } from 'node:crypto'
import postgres from 'postgres'

/**
 * The PostgreSQL server tests run against: DATABASE_URL_TEST (`.ci/run` starts a throwaway
 * cluster on loopback and sets it). Outside CI, without it, the PostgreSQL tests are skipped;
 * in CI its absence is a failure, so they can never be skipped there by accident.
 */
export const postgresTestUrl = process.env['DATABASE_URL_TEST']?.trim() || null

export function postgresTestsSkipped(): boolean {
  if (postgresTestUrl) return false
  if (process.env['CI']) throw new Error('DATABASE_URL_TEST is not set; CI runs the PostgreSQL tests against a real server (see .ci/run).')
  return true
}

/** A fresh, empty database on the test server; `drop` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!postgresTestUrl) throw new Error('DATABASE_URL_TEST is not set.')
  return createTestDatabaseAt(postgresTestUrl)
}

/** A fresh, empty database on the server at `serverUrl` (a user who may create databases). */
export async function createTestDatabaseAt(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bct_${randomBytes(6).toString('hex')}`
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined })
  await admin.unsafe(`CREATE DATABASE ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.href,
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    },
  }
}
