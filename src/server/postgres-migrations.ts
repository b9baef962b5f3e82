import type postgres from 'postgres'
import * as z from 'zod/mini'

/**
 * The schema, one migration per entry, applied in order and recorded in `schema_migrations`.
 * Tables and columns match the SQLite file's (sqlite-storage.ts) so the two adapters answer
 * alike; JSON is kept as the text it was written as (`json`, not `jsonb`), so a payload keeps
 * BigCommerce's key order, as SQLite keeps it. Times are ISO strings, compared as text, as there.
 */
export const postgresMigrations: readonly string[] = [
  `
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    connector TEXT NOT NULL,
    store_hash TEXT NOT NULL,
    store_name TEXT NOT NULL,
    store_id TEXT,
    created_at TEXT NOT NULL,
    -- AES-256-GCM sealed by TokenCipher; the plain token is never written.
    access_token_sealed TEXT NOT NULL,
    seq BIGSERIAL NOT NULL
  );

  CREATE TABLE automations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    trigger_id TEXT NOT NULL UNIQUE,
    trigger_json JSON NOT NULL,
    seq BIGSERIAL NOT NULL
  );

  -- UNIQUE (trigger_id, hash) is the idempotency key across every instance on this database.
  CREATE TABLE deliveries (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    trigger_id TEXT NOT NULL REFERENCES automations (trigger_id) ON DELETE CASCADE,
    hash TEXT NOT NULL,
    received_at TEXT NOT NULL,
    payload_json JSON NOT NULL,
    UNIQUE (trigger_id, hash)
  );
  CREATE INDEX deliveries_by_trigger_newest ON deliveries (trigger_id, received_at DESC, seq DESC);

  CREATE TABLE hook_locations (
    trigger_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    destination TEXT NOT NULL,
    seq BIGSERIAL NOT NULL,
    PRIMARY KEY (trigger_id, account_id, destination)
  );

  CREATE TABLE deleted_triggers (
    trigger_id TEXT PRIMARY KEY,
    deleted_at TEXT NOT NULL
  );

  CREATE TABLE hook_checks (
    trigger_id TEXT PRIMARY KEY REFERENCES automations (trigger_id) ON DELETE CASCADE,
    check_json JSON NOT NULL
  );

  CREATE TABLE locks (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  `,
  `
  -- The API account's Client Secret, sealed like the token (its own context); NULL when none was given.
  ALTER TABLE accounts ADD COLUMN client_secret_sealed TEXT;
  `,
  `
  -- Every saved version of a trigger, immutable, as rows (SQLite's migration 4 says why).
  CREATE TABLE trigger_versions (
    trigger_id TEXT NOT NULL REFERENCES automations (trigger_id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    saved_at TEXT NOT NULL,
    restored_from INTEGER,
    config_json JSON NOT NULL,
    webhook_json JSON NOT NULL,
    PRIMARY KEY (trigger_id, version)
  );

  -- The versions the trigger kept so far: the saved one and up to ten earlier ones.
  INSERT INTO trigger_versions (trigger_id, version, saved_at, restored_from, config_json, webhook_json)
  SELECT a.trigger_id, (kept->>'version')::int, kept->>'savedAt', NULL, kept->'config', kept->'webhook'
  FROM automations a, json_array_elements(COALESCE(a.trigger_json->'history', '[]'::json)) AS kept
  ON CONFLICT DO NOTHING;
  INSERT INTO trigger_versions (trigger_id, version, saved_at, restored_from, config_json, webhook_json)
  SELECT trigger_id, (trigger_json#>>'{saved,version}')::int, trigger_json#>>'{saved,savedAt}', NULL,
    trigger_json#>'{saved,config}', trigger_json#>'{saved,webhook}'
  FROM automations
  WHERE json_typeof(trigger_json->'saved') = 'object'
  ON CONFLICT DO NOTHING;

  -- The trigger's own JSON, not a payload: its key order may change.
  UPDATE automations SET trigger_json = (
    (trigger_json::jsonb - 'history') || jsonb_build_object('draftRestoredFrom', NULL)
    || CASE WHEN json_typeof(trigger_json->'saved') = 'object'
      THEN jsonb_build_object('saved', (trigger_json->'saved')::jsonb || jsonb_build_object('restoredFrom', NULL))
      ELSE '{}'::jsonb END
  )::json;
  `,
  `
  -- The Accounts page (SQLite's migration 5 says what each is).
  ALTER TABLE accounts ADD COLUMN display_name TEXT;
  ALTER TABLE accounts ADD COLUMN last_verified_at TEXT;
  ALTER TABLE accounts ADD COLUMN read_scopes_json JSON;
  UPDATE accounts SET last_verified_at = created_at;
  `,
  `
  -- The delivery log (SQLite's migration 6 says what each is).
  ALTER TABLE deliveries ADD COLUMN duplicates INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE deliveries ADD COLUMN authenticated_by TEXT NOT NULL DEFAULT 'secret'
    CHECK (authenticated_by IN ('signature', 'secret'));
  CREATE INDEX deliveries_by_received_at ON deliveries (received_at);
  `,
  `
  -- Every instance keeps what its receiver reads of a trigger (delivery-target-cache.ts): a
  -- change to automations or accounts tells them all, at its commit, to read it again.
  CREATE FUNCTION delivery_targets_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_notify('delivery_targets_changed', '');
    RETURN NULL;
  END $$;
  CREATE TRIGGER automations_change_delivery_targets AFTER INSERT OR UPDATE OR DELETE ON automations
    FOR EACH STATEMENT EXECUTE FUNCTION delivery_targets_changed();
  CREATE TRIGGER accounts_change_delivery_targets AFTER INSERT OR UPDATE OR DELETE ON accounts
    FOR EACH STATEMENT EXECUTE FUNCTION delivery_targets_changed();
  `,
  `
  -- A saved trigger's last refused delivery (SQLite's migration 7).
  CREATE TABLE delivery_refusals (
    trigger_id TEXT PRIMARY KEY REFERENCES automations (trigger_id) ON DELETE CASCADE,
    refused_at TEXT NOT NULL,
    reason TEXT NOT NULL
  );
  `,
]

/** Any number; every instance that migrates takes this lock first, so two never migrate at once. */
const MIGRATION_LOCK = 7_164_001

/** Applies the migrations the database has not seen yet; returns the version it ends at. */
export async function migratePostgres(sql: postgres.Sql): Promise<number> {
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`
    const [row] = await tx`SELECT coalesce(max(version), 0)::int AS version FROM schema_migrations`
    const current = z.object({ version: z.number() }).parse(row).version
    if (current > postgresMigrations.length) {
      throw new Error(
        `The database is at schema version ${current}, newer than this build knows (${postgresMigrations.length}). Run a newer version of the app.`,
      )
    }
    for (const [offset, migration] of postgresMigrations.slice(current).entries()) {
      await tx.unsafe(migration)
      await tx`INSERT INTO schema_migrations (version, applied_at) VALUES (${current + offset + 1}, ${new Date().toISOString()})`
    }
    return postgresMigrations.length
  })
}
