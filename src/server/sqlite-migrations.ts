import type Database from 'better-sqlite3'
import * as z from 'zod/mini'

/**
 * Schema changes, oldest first. Each runs once, in a transaction with the bump of
 * `PRAGMA user_version`, so a crash mid-migration leaves the previous version intact.
 * Append only: never edit a migration that has shipped.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    connector TEXT NOT NULL,
    store_hash TEXT NOT NULL,
    store_name TEXT NOT NULL,
    store_id TEXT,
    created_at TEXT NOT NULL,
    -- AES-256-GCM sealed by TokenCipher; the plain token is never written.
    access_token_sealed TEXT NOT NULL
  ) STRICT;

  -- The trigger is one JSON document: it is always read and written whole, and its shape
  -- (draft, saved version, history) is owned by the contract's zod schemas.
  CREATE TABLE automations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    trigger_id TEXT NOT NULL UNIQUE,
    trigger_json TEXT NOT NULL CHECK (json_valid(trigger_json))
  ) STRICT;

  -- Every delivery is kept; UNIQUE(trigger_id, hash) is the idempotency key (notes §3.3:
  -- BigCommerce retries and may send the same event twice).
  CREATE TABLE deliveries (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    trigger_id TEXT NOT NULL REFERENCES automations (trigger_id) ON DELETE CASCADE,
    hash TEXT NOT NULL,
    received_at TEXT NOT NULL,
    payload_json TEXT NOT NULL CHECK (json_valid(payload_json)),
    UNIQUE (trigger_id, hash)
  ) STRICT;

  CREATE INDEX deliveries_by_trigger_newest ON deliveries (trigger_id, received_at DESC, seq DESC);
  `,
  `
  -- Where a trigger may have a hook at BigCommerce (reconciler.ts). No foreign key: the rows of
  -- a deleted trigger stay until its hooks are gone.
  CREATE TABLE hook_locations (
    trigger_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    destination TEXT NOT NULL,
    PRIMARY KEY (trigger_id, account_id, destination)
  ) STRICT;

  -- Triggers saved before this migration may hold a hook: record where.
  INSERT OR IGNORE INTO hook_locations (trigger_id, account_id, destination)
  SELECT trigger_id, json_extract(trigger_json, '$.saved.config.accountId'), json_extract(trigger_json, '$.saved.webhook.destination')
  FROM automations
  WHERE json_extract(trigger_json, '$.saved.webhook.status') = 'registered'
    AND json_extract(trigger_json, '$.saved.webhook.destination') IS NOT NULL;

  CREATE TABLE deleted_triggers (
    trigger_id TEXT PRIMARY KEY,
    deleted_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE hook_checks (
    trigger_id TEXT PRIMARY KEY REFERENCES automations (trigger_id) ON DELETE CASCADE,
    check_json TEXT NOT NULL CHECK (json_valid(check_json))
  ) STRICT;

  -- One row per held lock; a holder that died loses it at expires_at.
  CREATE TABLE locks (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at TEXT NOT NULL
  ) STRICT;
  `,
  `
  -- The API account's Client Secret, sealed like the token (its own AAD context); NULL when none was given.
  ALTER TABLE accounts ADD COLUMN client_secret_sealed TEXT;
  `,
  `
  -- Every saved version of a trigger, immutable, as rows: the trigger's JSON keeps only the one in
  -- effect (a copy of the newest row), so it stays small however long the history grows.
  CREATE TABLE trigger_versions (
    trigger_id TEXT NOT NULL REFERENCES automations (trigger_id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    saved_at TEXT NOT NULL,
    restored_from INTEGER,
    config_json TEXT NOT NULL CHECK (json_valid(config_json)),
    webhook_json TEXT NOT NULL CHECK (json_valid(webhook_json)),
    PRIMARY KEY (trigger_id, version)
  ) STRICT, WITHOUT ROWID;

  -- The versions the trigger kept so far: the saved one and up to ten earlier ones.
  INSERT OR IGNORE INTO trigger_versions (trigger_id, version, saved_at, restored_from, config_json, webhook_json)
  SELECT automations.trigger_id, json_extract(kept.value, '$.version'), json_extract(kept.value, '$.savedAt'), NULL,
    json_extract(kept.value, '$.config'), json_extract(kept.value, '$.webhook')
  FROM automations, json_each(automations.trigger_json, '$.history') AS kept;
  INSERT OR IGNORE INTO trigger_versions (trigger_id, version, saved_at, restored_from, config_json, webhook_json)
  SELECT trigger_id, json_extract(trigger_json, '$.saved.version'), json_extract(trigger_json, '$.saved.savedAt'), NULL,
    json_extract(trigger_json, '$.saved.config'), json_extract(trigger_json, '$.saved.webhook')
  FROM automations
  WHERE json_type(trigger_json, '$.saved') = 'object';

  -- json_set leaves a null saved as it is.
  UPDATE automations SET trigger_json = json_set(
    json_remove(trigger_json, '$.history'),
    '$.saved.restoredFrom', json('null'),
    '$.draftRestoredFrom', json('null')
  );
  `,
  `
  -- The Accounts page: a name the user gives (NULL: the store's), when BigCommerce last accepted
  -- the token, and what it could read then (readScopesSchema).
  ALTER TABLE accounts ADD COLUMN display_name TEXT;
  ALTER TABLE accounts ADD COLUMN last_verified_at TEXT;
  ALTER TABLE accounts ADD COLUMN read_scopes_json TEXT CHECK (read_scopes_json IS NULL OR json_valid(read_scopes_json));
  -- Accounts from before were verified when they were added.
  UPDATE accounts SET last_verified_at = created_at;
  `,
  `
  -- The delivery log: a redelivery of a stored hash is counted on its row (still stored once),
  -- and each row says what proved it came from BigCommerce. Rows from before had only the
  -- secret header checked.
  ALTER TABLE deliveries ADD COLUMN duplicates INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE deliveries ADD COLUMN authenticated_by TEXT NOT NULL DEFAULT 'secret'
    CHECK (authenticated_by IN ('signature', 'secret'));

  -- The retention purge deletes the oldest deliveries first, whatever their trigger.
  CREATE INDEX deliveries_by_received_at ON deliveries (received_at);
  `,
  `
  -- A saved trigger's last refused delivery (deliveryRefusalSchema), for its health.
  CREATE TABLE delivery_refusals (
    trigger_id TEXT PRIMARY KEY REFERENCES automations (trigger_id) ON DELETE CASCADE,
    refused_at TEXT NOT NULL,
    reason TEXT NOT NULL
  ) STRICT;
  `,
  `
  -- A lock names its holder's machine, process id and process (sqlite-locks.ts), so a process on
  -- this machine takes over at once a lock whose holder died, rather than when it expires.
  ALTER TABLE locks ADD COLUMN host TEXT;
  ALTER TABLE locks ADD COLUMN pid INTEGER;
  ALTER TABLE locks ADD COLUMN process TEXT;
  `,
]

/** Applies the migrations the file has not seen yet; returns the version it ends at. */
export function migrate(db: Database.Database): number {
  const current = z.number().parse(db.pragma('user_version', { simple: true }))
  if (current > migrations.length) {
    throw new Error(
      `The database is at schema version ${current}, newer than this build knows (${migrations.length}). Run a newer version of the app.`,
    )
  }
  migrations.slice(current).forEach((sql, offset) => {
    const version = current + offset + 1
    db.transaction(() => {
      db.exec(sql)
      // PRAGMA takes no bound parameters; `version` is a number we computed.
      db.pragma(`user_version = ${version}`)
    })()
  })
  return migrations.length
}
