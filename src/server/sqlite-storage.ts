import Database from 'better-sqlite3'
import * as z from 'zod/mini'
import { cursorRowNumberSchema, cursorTimeSchema, decodeCursor, encodeCursor, likePattern } from '../core/delivery-cursor'
import { createDeliveryWatchers } from '../core/delivery-watchers'
import type { Storage } from '../core/ports'
import {
  deliveryRefusalSchema,
  hookCheckSchema,
  hookLocationSchema,
  type AutomationRecord,
  type DeliveryRecord,
} from '../core/record-schemas'
import { createDeliveryTargetCache } from './delivery-target-cache'
import { createGroupCommit, type InsertOutcome } from './group-commit'
import { createDeliveryWriterThread } from './sqlite-delivery-writer'
import { createSqliteLocks } from './sqlite-locks'
import { connectDatabase } from './sqlite-delivery-writes'
import { migrate } from './sqlite-migrations'
import { DELIVERY_COMMIT_DEADLINE_MS } from './storage-deadline'
import { createRowReaders } from './storage-rows'
import { clientSecretContext, type TokenCipher } from './token-cipher'

/** The last row of a page, for its cursor. */
const pageEndSchema = z.optional(z.looseObject({ received_at: z.string(), seq: z.number() }))

/** Where a page of the log ended: the last row's received time and row number. */
const sqliteCursorSchema = z.tuple([cursorTimeSchema, cursorRowNumberSchema])

/** The log's filters; each is off when its parameter is null. */
const DELIVERY_FILTERS = `
  (@event IS NULL OR json_extract(payload_json, '$.scope') = @event)
  AND (@from IS NULL OR received_at >= @from)
  AND (@to IS NULL OR received_at < @to)
  -- A scan of the trigger's payload text: fine for the thousands a trigger keeps within its
  -- retention; an index would need a full-text table for a feature used by hand.
  AND (@search IS NULL OR payload_json LIKE @search ESCAPE '\\')`

export type SqliteStorage = Storage & {
  /** Writes the deliveries still queued, checkpoints the WAL and closes the file; the storage must not be used afterwards. */
  close(): Promise<void>
}

/** Opens the database file with the settings the app relies on, migrated to the latest schema. */
export function openDatabase(file: string): Database.Database {
  const db = connectDatabase(file)
  migrate(db)
  return db
}

export function createSqliteStorage(options: {
  file: string
  cipher: TokenCipher
  /** Told why a group commit failed, for the log; the deliveries are refused with a 503. */
  onWriteFailure?: (error: unknown) => void
}): SqliteStorage {
  const { cipher, onWriteFailure } = options
  const db = openDatabase(options.file)

  const statements = {
    listAccounts: db.prepare('SELECT * FROM accounts ORDER BY created_at, rowid'),
    getAccount: db.prepare('SELECT * FROM accounts WHERE id = ?'),
    putAccount: db.prepare(`
      INSERT INTO accounts (id, connector, store_hash, store_name, store_id, created_at, access_token_sealed, client_secret_sealed,
        display_name, last_verified_at, read_scopes_json)
      VALUES (@id, @connector, @store_hash, @store_name, @store_id, @created_at, @access_token_sealed, @client_secret_sealed,
        @display_name, @last_verified_at, @read_scopes_json)
      ON CONFLICT (id) DO UPDATE SET
        connector = excluded.connector, store_hash = excluded.store_hash, store_name = excluded.store_name,
        store_id = excluded.store_id, created_at = excluded.created_at, access_token_sealed = excluded.access_token_sealed,
        client_secret_sealed = excluded.client_secret_sealed, display_name = excluded.display_name,
        last_verified_at = excluded.last_verified_at, read_scopes_json = excluded.read_scopes_json`),
    deleteAccount: db.prepare('DELETE FROM accounts WHERE id = ?'),
    listAutomations: db.prepare('SELECT * FROM automations ORDER BY created_at, rowid'),
    getAutomation: db.prepare('SELECT * FROM automations WHERE id = ?'),
    getAutomationByTriggerId: db.prepare('SELECT * FROM automations WHERE trigger_id = ?'),
    getTriggerIdOf: db.prepare('SELECT trigger_id FROM automations WHERE id = ?').pluck(),
    // json_extract reads three fields in C; parsing the whole trigger per delivery cost 4x as much.
    getDeliveryTarget: db.prepare(`
      SELECT json_extract(a.trigger_json, '$.secret') AS secret, json_extract(a.trigger_json, '$.saved.config.event') AS saved_event,
        acc.id AS account_id, acc.store_hash, acc.client_secret_sealed
      FROM automations a LEFT JOIN accounts acc ON acc.id = json_extract(a.trigger_json, '$.saved.config.accountId')
      WHERE a.trigger_id = ?`),
    // An upsert, not INSERT OR REPLACE: REPLACE deletes the old row first, which would cascade
    // to the trigger's deliveries.
    putAutomation: db.prepare(`
      INSERT INTO automations (id, name, created_at, updated_at, trigger_id, trigger_json)
      VALUES (@id, @name, @created_at, @updated_at, @trigger_id, @trigger_json)
      ON CONFLICT (id) DO UPDATE SET
        name = excluded.name, created_at = excluded.created_at, updated_at = excluded.updated_at,
        trigger_id = excluded.trigger_id, trigger_json = excluded.trigger_json`),
    deleteAutomation: db.prepare('DELETE FROM automations WHERE id = ?'),
    insertTriggerVersion: db.prepare(`
      INSERT INTO trigger_versions (trigger_id, version, saved_at, restored_from, config_json, webhook_json)
      VALUES (@trigger_id, @version, @saved_at, @restored_from, @config_json, @webhook_json)`),
    deleteTriggerVersion: db.prepare('DELETE FROM trigger_versions WHERE trigger_id = ? AND version = ?'),
    listTriggerVersions: db.prepare(
      'SELECT * FROM trigger_versions WHERE trigger_id = @trigger_id AND version < @before ORDER BY version DESC LIMIT @limit',
    ),
    getTriggerVersion: db.prepare('SELECT * FROM trigger_versions WHERE trigger_id = ? AND version = ?'),
    listDeliveries: db.prepare('SELECT * FROM deliveries WHERE trigger_id = ? ORDER BY received_at DESC, seq DESC LIMIT ?'),
    // Two statements rather than one with an optional cursor, so the next page starts with a
    // range on the index instead of walking past every row of the pages before it.
    firstDeliveryPage: db.prepare(`
      SELECT * FROM deliveries WHERE trigger_id = @trigger_id AND ${DELIVERY_FILTERS}
      ORDER BY received_at DESC, seq DESC LIMIT @limit`),
    nextDeliveryPage: db.prepare(`
      SELECT * FROM deliveries WHERE trigger_id = @trigger_id AND (received_at, seq) < (@after_received_at, @after_seq) AND ${DELIVERY_FILTERS}
      ORDER BY received_at DESC, seq DESC LIMIT @limit`),
    getDelivery: db.prepare('SELECT * FROM deliveries WHERE trigger_id = ? AND id = ?'),
    purgeDeliveries: db.prepare(
      'DELETE FROM deliveries WHERE seq IN (SELECT seq FROM deliveries WHERE received_at < ? ORDER BY received_at LIMIT ?)',
    ),
    deliveryStats: db.prepare(
      'SELECT count(*) FILTER (WHERE received_at >= @since) AS count, max(received_at) AS last FROM deliveries WHERE trigger_id = @trigger_id',
    ),
    addHookLocation: db.prepare(
      'INSERT OR IGNORE INTO hook_locations (trigger_id, account_id, destination) VALUES (@triggerId, @accountId, @destination)',
    ),
    listHookLocations: db.prepare(
      'SELECT trigger_id AS triggerId, account_id AS accountId, destination FROM hook_locations ORDER BY rowid',
    ),
    listHookLocationsOf: db.prepare(
      'SELECT trigger_id AS triggerId, account_id AS accountId, destination FROM hook_locations WHERE trigger_id = ? ORDER BY rowid',
    ),
    removeHookLocation: db.prepare(
      'DELETE FROM hook_locations WHERE trigger_id = @triggerId AND account_id = @accountId AND destination = @destination',
    ),
    recordDeletedTrigger: db.prepare(
      'INSERT INTO deleted_triggers (trigger_id, deleted_at) VALUES (?, ?) ON CONFLICT (trigger_id) DO UPDATE SET deleted_at = excluded.deleted_at',
    ),
    wasTriggerDeletedSince: db.prepare('SELECT 1 FROM deleted_triggers WHERE trigger_id = ? AND deleted_at >= ?'),
    pruneDeletedTriggers: db.prepare('DELETE FROM deleted_triggers WHERE deleted_at < ?'),
    // Inserts nothing for a trigger deleted meanwhile (the foreign key would refuse it).
    putHookCheck: db.prepare(`
      INSERT INTO hook_checks (trigger_id, check_json)
      SELECT @trigger_id, @check_json WHERE EXISTS (SELECT 1 FROM automations WHERE trigger_id = @trigger_id)
      ON CONFLICT (trigger_id) DO UPDATE SET check_json = excluded.check_json`),
    getHookCheck: db.prepare('SELECT check_json FROM hook_checks WHERE trigger_id = ?'),
    // Like putHookCheck: nothing for a trigger deleted meanwhile.
    putDeliveryRefusal: db.prepare(`
      INSERT INTO delivery_refusals (trigger_id, refused_at, reason)
      SELECT @triggerId, @refusedAt, @reason WHERE EXISTS (SELECT 1 FROM automations WHERE trigger_id = @triggerId)
      ON CONFLICT (trigger_id) DO UPDATE SET refused_at = excluded.refused_at, reason = excluded.reason`),
    getDeliveryRefusal: db.prepare(
      'SELECT trigger_id AS triggerId, refused_at AS refusedAt, reason FROM delivery_refusals WHERE trigger_id = ?',
    ),
    ping: db.prepare('SELECT 1'),
  }

  const { accountFromRow, automationFromRow, deliveryTargetFromRow, triggerVersionFromRow, deliveryFromRow } = createRowReaders(cipher)
  const locks = createSqliteLocks(db)

  function writeAutomation(automation: AutomationRecord): void {
    statements.putAutomation.run({
      id: automation.id,
      name: automation.name,
      created_at: automation.createdAt,
      updated_at: automation.updatedAt,
      trigger_id: automation.trigger.id,
      trigger_json: JSON.stringify(automation.trigger),
    })
  }

  // better-sqlite3 is synchronous and each call is a single short statement, so the
  // async port is satisfied by resolving (or rejecting) with the result right away.
  const run = async <T>(work: () => T): Promise<T> => work()
  /** One row by key, parsed, or undefined when there is none. */
  const one = <T>(statement: Database.Statement, key: string, fromRow: (row: unknown) => T) =>
    run(() => {
      const row: unknown = statement.get(key)
      return row === undefined ? undefined : fromRow(row)
    })

  // This connection's own changes to what a delivery target is made of clear the receiver's
  // cache at once: temporary triggers fire for this connection only (another process's changes
  // show within DELIVERY_TARGET_TRUSTED_MS).
  const deliveryTargets = createDeliveryTargetCache((triggerId) => one(statements.getDeliveryTarget, triggerId, deliveryTargetFromRow))
  db.function('delivery_targets_changed', { deterministic: false, directOnly: true }, () => {
    deliveryTargets.clear()
    return null
  })
  for (const table of ['automations', 'accounts']) {
    for (const change of ['INSERT', 'UPDATE', 'DELETE']) {
      db.exec(
        `CREATE TEMP TRIGGER IF NOT EXISTS ${table}_${change.toLowerCase()}_clears_targets AFTER ${change} ON ${table} BEGIN SELECT delivery_targets_changed(); END`,
      )
    }
  }

  // Deliveries are written by a thread of their own (sqlite-delivery-writer.ts), one group
  // commit at a time, so their inserts and syncs never hold up the requests this thread answers.
  const watchers = createDeliveryWatchers()
  const writer = createDeliveryWriterThread(options.file)
  const deliveries = createGroupCommit(
    async (batch: readonly DeliveryRecord[]) => {
      const outcomes = await writer.write(
        batch.map((delivery) => ({
          id: delivery.id,
          trigger_id: delivery.triggerId,
          hash: delivery.hash,
          received_at: delivery.receivedAt,
          payload_json: JSON.stringify(delivery.payload),
          authenticated_by: delivery.authenticatedBy,
        })),
      )
      return outcomes.map((outcome): InsertOutcome => (typeof outcome === 'string' ? outcome : new Error(outcome.constraint)))
    },
    {
      onWriteFailure,
      onStored: (delivery) => watchers.notify({ triggerId: delivery.triggerId, deliveryId: delivery.id }),
      writeEachTurn: true,
      // Longer than the writer's busy timeout: a locked file fails the batch first; a disk that stalls gets a 503.
      timeoutMs: DELIVERY_COMMIT_DEADLINE_MS,
    },
  )

  return {
    listAccounts: () => run(() => statements.listAccounts.all().map(accountFromRow)),
    getAccount: (accountId) => one(statements.getAccount, accountId, accountFromRow),
    putAccount: (account) =>
      run(() => {
        statements.putAccount.run({
          id: account.id,
          connector: account.connector,
          store_hash: account.storeHash,
          store_name: account.storeName,
          store_id: account.storeId,
          created_at: account.createdAt,
          access_token_sealed: cipher.seal(account.accessToken, account.id),
          client_secret_sealed:
            account.clientSecret === undefined ? null : cipher.seal(account.clientSecret, clientSecretContext(account.id)),
          display_name: account.displayName ?? null,
          last_verified_at: account.lastVerifiedAt ?? null,
          read_scopes_json: account.readScopes ? JSON.stringify(account.readScopes) : null,
        })
      }),
    deleteAccount: (accountId) =>
      run(() => {
        statements.deleteAccount.run(accountId)
      }),

    listAutomations: () => run(() => statements.listAutomations.all().map(automationFromRow)),
    getAutomation: (automationId) => one(statements.getAutomation, automationId, automationFromRow),
    getAutomationByTriggerId: (triggerId) => one(statements.getAutomationByTriggerId, triggerId, automationFromRow),
    getTriggerIdOf: (automationId) => one(statements.getTriggerIdOf, automationId, (row) => z.string().parse(row)),
    getDeliveryTarget: deliveryTargets.get,
    putAutomation: (automation) => run(() => writeAutomation(automation)),
    deleteAutomation: (automationId) =>
      run(() => {
        statements.deleteAutomation.run(automationId)
      }),

    saveTriggerVersion: (automation, version) =>
      run(() => {
        db.transaction(() => {
          writeAutomation(automation)
          statements.insertTriggerVersion.run({
            trigger_id: version.triggerId,
            version: version.version,
            saved_at: version.savedAt,
            restored_from: version.restoredFrom,
            config_json: JSON.stringify(version.config),
            webhook_json: JSON.stringify(version.webhook),
          })
        })()
      }),
    withdrawTriggerVersion: (automation, version) =>
      run(() => {
        db.transaction(() => {
          writeAutomation(automation)
          statements.deleteTriggerVersion.run(automation.trigger.id, version)
        })()
      }),
    listTriggerVersions: (triggerId, { before, limit }) =>
      run(() =>
        statements.listTriggerVersions
          // No `before`: every version is below one past the largest number a row can hold.
          .all({ trigger_id: triggerId, before: before ?? Number.MAX_SAFE_INTEGER, limit: Math.max(0, Math.floor(limit)) })
          .map(triggerVersionFromRow),
      ),
    getTriggerVersion: (triggerId, version) =>
      run(() => {
        const row: unknown = statements.getTriggerVersion.get(triggerId, version)
        return row === undefined ? undefined : triggerVersionFromRow(row)
      }),

    insertDelivery: deliveries.insert,
    watchDeliveries: watchers.watch,
    listDeliveries: (triggerId, limit) =>
      run(() => statements.listDeliveries.all(triggerId, Math.max(0, Math.floor(limit))).map(deliveryFromRow)),
    listDeliveryPage: (triggerId, query) =>
      run(() => {
        const parameters = {
          trigger_id: triggerId,
          event: query.event ?? null,
          from: query.from ?? null,
          to: query.to ?? null,
          search: query.search === undefined ? null : likePattern(query.search),
          // One more than asked tells whether another page follows.
          limit: Math.max(0, Math.floor(query.limit)) + 1,
        }
        let rows: unknown[]
        if (query.cursor === undefined) rows = statements.firstDeliveryPage.all(parameters)
        else {
          const [receivedAt, seq] = decodeCursor(query.cursor, sqliteCursorSchema)
          rows = statements.nextDeliveryPage.all({ ...parameters, after_received_at: receivedAt, after_seq: seq })
        }
        const more = rows.length > query.limit
        const page = rows.slice(0, query.limit)
        const last = pageEndSchema.parse(page.at(-1))
        return { deliveries: page.map(deliveryFromRow), nextCursor: more && last ? encodeCursor([last.received_at, last.seq]) : null }
      }),
    getDelivery: (triggerId, deliveryId) =>
      run(() => {
        const row: unknown = statements.getDelivery.get(triggerId, deliveryId)
        return row === undefined ? undefined : deliveryFromRow(row)
      }),
    purgeDeliveries: (before, limit) => run(() => statements.purgeDeliveries.run(before, Math.max(0, Math.floor(limit))).changes),

    deliveryStats: (triggerId, since) =>
      run(() => {
        const row = z
          .object({ count: z.number(), last: z.nullable(z.string()) })
          .parse(statements.deliveryStats.get({ trigger_id: triggerId, since }))
        return { count: row.count, lastReceivedAt: row.last }
      }),

    addHookLocations: (locations) =>
      run(() => {
        db.transaction(() => locations.forEach((location) => statements.addHookLocation.run(location)))()
      }),
    listHookLocations: (triggerId) =>
      run(() =>
        (triggerId === undefined ? statements.listHookLocations.all() : statements.listHookLocationsOf.all(triggerId)).map((row) =>
          hookLocationSchema.parse(row),
        ),
      ),
    removeHookLocation: (location) =>
      run(() => {
        statements.removeHookLocation.run(location)
      }),
    recordDeletedTrigger: (triggerId, deletedAt) =>
      run(() => {
        statements.recordDeletedTrigger.run(triggerId, deletedAt)
      }),
    wasTriggerDeletedSince: (triggerId, since) => run(() => statements.wasTriggerDeletedSince.get(triggerId, since) !== undefined),
    pruneDeletedTriggers: (before) =>
      run(() => {
        statements.pruneDeletedTriggers.run(before)
      }),
    putHookCheck: (check) =>
      run(() => {
        statements.putHookCheck.run({ trigger_id: check.triggerId, check_json: JSON.stringify(check) })
      }),
    getHookCheck: (triggerId) =>
      run(() => {
        const row = statements.getHookCheck.get(triggerId)
        return row === undefined ? undefined : hookCheckSchema.parse(JSON.parse(z.object({ check_json: z.string() }).parse(row).check_json))
      }),
    putDeliveryRefusal: (refusal) =>
      run(() => {
        statements.putDeliveryRefusal.run(refusal)
      }),
    getDeliveryRefusal: (triggerId) =>
      run(() => {
        const row = statements.getDeliveryRefusal.get(triggerId)
        return row === undefined ? undefined : deliveryRefusalSchema.parse(row)
      }),
    tryLock: (name, holder, now, expiresAt) => run(() => locks.tryLock(name, holder, now, expiresAt)),
    unlock: (name, holder) => run(() => locks.unlock(name, holder)),

    ping: () =>
      run(() => {
        statements.ping.get()
      }),
    async close() {
      if (!db.open) return
      // Deliveries queued but not yet written are written first: their requests are still waiting.
      await deliveries.flush()
      await writer.close()
      // Folds the WAL back into the main file so a copied data directory is self-contained.
      db.pragma('wal_checkpoint(TRUNCATE)')
      db.close()
    },
  }
}
