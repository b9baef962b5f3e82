import postgres from 'postgres'
import * as z from 'zod/mini'
import { cursorBigintSchema, cursorTimeSchema, decodeCursor, encodeCursor, foldAsciiCase, likePattern } from '../core/delivery-cursor'
import { createDeliveryWatchers } from '../core/delivery-watchers'
import type { Storage } from '../core/ports'
import {
  deliveryRefusalSchema,
  hookCheckSchema,
  hookLocationSchema,
  type AutomationRecord,
  type DeliveryTarget,
} from '../core/record-schemas'
import { createDeliveryTargetCache } from './delivery-target-cache'
import { createPostgresDeliveryWrites, DELIVERY_CHANNEL } from './postgres-delivery-writes'
import { createPostgresLocks } from './postgres-locks'
import { migratePostgres } from './postgres-migrations'
import {
  DELIVERY_COMMIT_DEADLINE_MS,
  DELIVERY_LOOKUP_DEADLINE_MS,
  STORAGE_DEADLINE_MS,
  withDeadlines,
  withinDeadline,
} from './storage-deadline'
import { createRowReaders } from './storage-rows'
import { clientSecretContext, type TokenCipher } from './token-cipher'

/** Where the migration above tells every instance that a delivery target may have changed. */
const DELIVERY_TARGETS_CHANNEL = 'delivery_targets_changed'

const storedDeliverySchema = z.object({ triggerId: z.string(), deliveryId: z.string() })

export type PostgresStorage = Storage & {
  /** Writes what is queued, then closes the pool; the storage must not be used afterwards. */
  close(): Promise<void>
}

/** The last row of a page, for its cursor. */
const pageEndSchema = z.optional(z.looseObject({ received_at: z.string(), seq: z.string() }))

/** Where a page of the log ended: the last row's received time and row number (a BIGSERIAL, as text). */
const postgresCursorSchema = z.tuple([cursorTimeSchema, cursorBigintSchema])

/**
 * Storage on PostgreSQL, for several server instances on one database (DATABASE_URL). The
 * same contract as SQLite's (storage-contract.ts tests both): deliveries that arrive together
 * share one INSERT and one commit, de-duplicated by the unique (trigger, hash) across
 * instances; the reconciler's locks are advisory locks of a session, which go with a holder
 * that dies (postgres-locks.ts). The `locks` table of the first migration is no longer used.
 */
export async function createPostgresStorage(options: {
  url: string
  cipher: TokenCipher
  /** Told why a batch of deliveries could not be written, for the log; they are refused with a 503. */
  onWriteFailure?: (error: unknown) => void
  /** Told of each batch of deliveries written again after a deadlock or serialization failure, for the log. */
  onWriteRetry?: (error: unknown) => void
  /** How long a delivery may wait for its commit before it is refused with a 503 (DELIVERY_COMMIT_DEADLINE_MS unless set). */
  writeTimeoutMs?: number
}): Promise<PostgresStorage> {
  const { cipher, onWriteFailure, onWriteRetry, writeTimeoutMs = DELIVERY_COMMIT_DEADLINE_MS } = options
  // Selected columns come back as `json` text, parsed below with the record schemas; the
  // driver's own parsing is off so a row is read one way in both adapters.
  const sql = postgres(options.url, {
    max: 10,
    // A connection that does not open in 2 s frees its slot for another try (a call waits at
    // most STORAGE_DEADLINE_MS for it anyway); postgres.js waits 30 s.
    connect_timeout: 2,
    // Seconds between a connection's failed attempt and its next. postgres.js's own grows to
    // 10-20 s while the database is down, so calls waited that long for an attempt (past their
    // deadline), and the pool came back that long after the database did. A refused connection
    // costs next to nothing to try again.
    backoff: () => 0.25,
    onnotice: () => undefined,
    types: { json: { to: 114, from: [114, 3802], serialize: (value: string) => value, parse: (value: string) => value } },
  })
  await migratePostgres(sql)

  const {
    accountFromRow: accountFrom,
    automationFromRow: automationFrom,
    deliveryTargetFromRow,
    triggerVersionFromRow: triggerVersionFrom,
    deliveryFromRow: deliveryFrom,
  } = createRowReaders(cipher)

  // The columns the row readers take (storage-rows.ts), by their own names, as SQLite answers them.
  const accountColumns = sql`id, connector, store_hash, store_name, store_id, created_at, access_token_sealed, client_secret_sealed,
    display_name, last_verified_at, read_scopes_json`
  const automationColumns = sql`id, name, created_at, updated_at, trigger_json`
  const deliveryColumns = sql`id, trigger_id, hash, received_at, payload_json, duplicates, authenticated_by`
  const triggerVersionColumns = sql`trigger_id, version, saved_at, restored_from, config_json, webhook_json`
  const locationColumns = sql`trigger_id AS "triggerId", account_id AS "accountId", destination`

  const locks = createPostgresLocks(options.url)
  const deliveries = createPostgresDeliveryWrites(sql, { onWriteFailure, onWriteRetry, timeoutMs: writeTimeoutMs })

  async function readDeliveryTarget(triggerId: string): Promise<DeliveryTarget | undefined> {
    const [raw] = await sql`
      SELECT a.trigger_json->>'secret' AS secret, a.trigger_json#>>'{saved,config,event}' AS saved_event,
        acc.id AS account_id, acc.store_hash, acc.client_secret_sealed
      FROM automations a LEFT JOIN accounts acc ON acc.id = a.trigger_json#>>'{saved,config,accountId}'
      WHERE a.trigger_id = ${triggerId}`
    return raw === undefined ? undefined : deliveryTargetFromRow(raw)
  }

  /** An upsert, not a delete and insert, which would cascade to the trigger's deliveries and versions. */
  async function writeAutomation(query: postgres.Sql | postgres.TransactionSql, automation: AutomationRecord): Promise<void> {
    await query`
      INSERT INTO automations (id, name, created_at, updated_at, trigger_id, trigger_json)
      VALUES (${automation.id}, ${automation.name}, ${automation.createdAt}, ${automation.updatedAt}, ${automation.trigger.id},
        ${JSON.stringify(automation.trigger)}::json)
      ON CONFLICT (id) DO UPDATE SET
        name = excluded.name, created_at = excluded.created_at, updated_at = excluded.updated_at,
        trigger_id = excluded.trigger_id, trigger_json = excluded.trigger_json`
  }

  // Cleared by every instance's changes (NOTIFY, at their commit), by this one's as soon as its
  // write returns (its own notification comes later), and whenever the LISTEN connection
  // (re)connects, as a notification may have been missed meanwhile.
  const deliveryTargets = createDeliveryTargetCache((triggerId) =>
    withinDeadline(readDeliveryTarget(triggerId), DELIVERY_LOOKUP_DEADLINE_MS, 'the trigger lookup'),
  )
  const targetsChanged = <T>(write: Promise<T>): Promise<T> => write.finally(() => deliveryTargets.clear())
  const hearingTargets = await sql.listen(DELIVERY_TARGETS_CHANNEL, deliveryTargets.clear, deliveryTargets.clear)

  const watchers = createDeliveryWatchers()
  const listening = await sql.listen(DELIVERY_CHANNEL, (payload) => {
    const stored = storedDeliverySchema.safeParse(JSON.parse(payload))
    if (stored.success) watchers.notify(stored.data)
  })

  const storage: PostgresStorage = {
    listAccounts: async () => (await sql`SELECT ${accountColumns} FROM accounts ORDER BY created_at, seq`).map(accountFrom),
    getAccount: async (accountId) => {
      const [row] = await sql`SELECT ${accountColumns} FROM accounts WHERE id = ${accountId}`
      return row === undefined ? undefined : accountFrom(row)
    },
    putAccount: async (account) => {
      await targetsChanged(sql`
        INSERT INTO accounts (id, connector, store_hash, store_name, store_id, created_at, access_token_sealed, client_secret_sealed,
          display_name, last_verified_at, read_scopes_json)
        VALUES (${account.id}, ${account.connector}, ${account.storeHash}, ${account.storeName}, ${account.storeId},
          ${account.createdAt}, ${cipher.seal(account.accessToken, account.id)},
          ${account.clientSecret === undefined ? null : cipher.seal(account.clientSecret, clientSecretContext(account.id))},
          ${account.displayName ?? null}, ${account.lastVerifiedAt ?? null},
          ${account.readScopes ? JSON.stringify(account.readScopes) : null}::json)
        ON CONFLICT (id) DO UPDATE SET
          connector = excluded.connector, store_hash = excluded.store_hash, store_name = excluded.store_name,
          store_id = excluded.store_id, created_at = excluded.created_at, access_token_sealed = excluded.access_token_sealed,
          client_secret_sealed = excluded.client_secret_sealed, display_name = excluded.display_name,
          last_verified_at = excluded.last_verified_at, read_scopes_json = excluded.read_scopes_json`)
    },
    deleteAccount: async (accountId) => {
      await targetsChanged(sql`DELETE FROM accounts WHERE id = ${accountId}`)
    },

    listAutomations: async () => (await sql`SELECT ${automationColumns} FROM automations ORDER BY created_at, seq`).map(automationFrom),
    getAutomation: async (automationId) => {
      const [row] = await sql`SELECT ${automationColumns} FROM automations WHERE id = ${automationId}`
      return row === undefined ? undefined : automationFrom(row)
    },
    getTriggerIdOf: async (automationId) => {
      const [row] = await sql`SELECT trigger_id FROM automations WHERE id = ${automationId}`
      return row === undefined ? undefined : z.object({ trigger_id: z.string() }).parse(row).trigger_id
    },
    getAutomationByTriggerId: async (triggerId) => {
      const [row] = await sql`SELECT ${automationColumns} FROM automations WHERE trigger_id = ${triggerId}`
      return row === undefined ? undefined : automationFrom(row)
    },
    getDeliveryTarget: deliveryTargets.get,
    putAutomation: (automation) => targetsChanged(writeAutomation(sql, automation)),
    deleteAutomation: async (automationId) => {
      await targetsChanged(sql`DELETE FROM automations WHERE id = ${automationId}`)
    },

    saveTriggerVersion: async (automation, version) => {
      await targetsChanged(
        sql.begin(async (tx) => {
          await writeAutomation(tx, automation)
          await tx`
          INSERT INTO trigger_versions (trigger_id, version, saved_at, restored_from, config_json, webhook_json)
          VALUES (${version.triggerId}, ${version.version}, ${version.savedAt}, ${version.restoredFrom},
            ${JSON.stringify(version.config)}::json, ${JSON.stringify(version.webhook)}::json)`
        }),
      )
    },
    withdrawTriggerVersion: async (automation, version) => {
      await targetsChanged(
        sql.begin(async (tx) => {
          await writeAutomation(tx, automation)
          await tx`DELETE FROM trigger_versions WHERE trigger_id = ${automation.trigger.id} AND version = ${version}`
        }),
      )
    },
    listTriggerVersions: async (triggerId, { before, limit }) =>
      (
        await sql`SELECT ${triggerVersionColumns} FROM trigger_versions
          WHERE trigger_id = ${triggerId} AND version < ${before ?? 2 ** 31 - 1}
          ORDER BY version DESC LIMIT ${Math.max(0, Math.floor(limit))}`
      ).map(triggerVersionFrom),
    getTriggerVersion: async (triggerId, version) => {
      const [row] =
        await sql`SELECT ${triggerVersionColumns} FROM trigger_versions WHERE trigger_id = ${triggerId} AND version = ${version}`
      return row === undefined ? undefined : triggerVersionFrom(row)
    },

    insertDelivery: deliveries.insert,
    watchDeliveries: watchers.watch,
    listDeliveries: async (triggerId, limit) =>
      (
        await sql`SELECT ${deliveryColumns} FROM deliveries WHERE trigger_id = ${triggerId}
          ORDER BY received_at DESC, seq DESC LIMIT ${Math.max(0, Math.floor(limit))}`
      ).map(deliveryFrom),
    listDeliveryPage: async (triggerId, query) => {
      const after = query.cursor === undefined ? null : decodeCursor(query.cursor, postgresCursorSchema)
      const limit = Math.max(0, Math.floor(query.limit))
      // A row-value comparison, so the next page starts with a range on the index. LIKE is
      // case-sensitive here: ILIKE would fold more than ASCII, so the text is folded as SQLite does.
      const rows = await sql`SELECT ${deliveryColumns}, seq::text AS seq FROM deliveries
        WHERE trigger_id = ${triggerId}
          ${after ? sql`AND (received_at, seq) < (${after[0]}, ${after[1]}::bigint)` : sql``}
          ${query.event === undefined ? sql`` : sql`AND payload_json->>'scope' = ${query.event}`}
          ${query.from === undefined ? sql`` : sql`AND received_at >= ${query.from}`}
          ${query.to === undefined ? sql`` : sql`AND received_at < ${query.to}`}
          ${
            query.search === undefined
              ? sql``
              : sql`AND translate(payload_json::text, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
                  LIKE ${likePattern(foldAsciiCase(query.search))}`
          }
        ORDER BY received_at DESC, seq DESC LIMIT ${limit + 1}`
      const page = rows.slice(0, limit)
      const last = pageEndSchema.parse(page.at(-1))
      return {
        deliveries: page.map(deliveryFrom),
        nextCursor: rows.length > limit && last ? encodeCursor([last.received_at, last.seq]) : null,
      }
    },
    getDelivery: async (triggerId, deliveryId) => {
      const [row] = await sql`SELECT ${deliveryColumns} FROM deliveries WHERE trigger_id = ${triggerId} AND id = ${deliveryId}`
      return row === undefined ? undefined : deliveryFrom(row)
    },
    purgeDeliveries: async (before, limit) => {
      const result = await sql`DELETE FROM deliveries WHERE seq IN (
        SELECT seq FROM deliveries WHERE received_at < ${before} ORDER BY received_at LIMIT ${Math.max(0, Math.floor(limit))})`
      return result.count
    },
    deliveryStats: async (triggerId, since) => {
      const [row] = await sql`
        SELECT (count(*) FILTER (WHERE received_at >= ${since}))::int AS count, max(received_at) AS last
        FROM deliveries WHERE trigger_id = ${triggerId}`
      const stats = z.object({ count: z.number(), last: z.nullable(z.string()) }).parse(row)
      return { count: stats.count, lastReceivedAt: stats.last }
    },

    addHookLocations: async (locations) => {
      if (locations.length === 0) return
      await sql`
        INSERT INTO hook_locations (trigger_id, account_id, destination)
        SELECT * FROM unnest(${sql.array(locations.map((location) => location.triggerId))}::text[],
          ${sql.array(locations.map((location) => location.accountId))}::text[],
          ${sql.array(locations.map((location) => location.destination))}::text[])
        ON CONFLICT DO NOTHING`
    },
    listHookLocations: async (triggerId) =>
      (triggerId === undefined
        ? await sql`SELECT ${locationColumns} FROM hook_locations ORDER BY seq`
        : await sql`SELECT ${locationColumns} FROM hook_locations WHERE trigger_id = ${triggerId} ORDER BY seq`
      ).map((row) => hookLocationSchema.parse(row)),
    removeHookLocation: async (location) => {
      await sql`DELETE FROM hook_locations
        WHERE trigger_id = ${location.triggerId} AND account_id = ${location.accountId} AND destination = ${location.destination}`
    },
    recordDeletedTrigger: async (triggerId, deletedAt) => {
      await sql`INSERT INTO deleted_triggers (trigger_id, deleted_at) VALUES (${triggerId}, ${deletedAt})
        ON CONFLICT (trigger_id) DO UPDATE SET deleted_at = excluded.deleted_at`
    },
    wasTriggerDeletedSince: async (triggerId, since) =>
      (await sql`SELECT 1 FROM deleted_triggers WHERE trigger_id = ${triggerId} AND deleted_at >= ${since}`).length > 0,
    pruneDeletedTriggers: async (before) => {
      await sql`DELETE FROM deleted_triggers WHERE deleted_at < ${before}`
    },
    putHookCheck: async (check) => {
      // Inserts nothing for a trigger deleted meanwhile (the foreign key would refuse it).
      await sql`
        INSERT INTO hook_checks (trigger_id, check_json)
        SELECT ${check.triggerId}, ${JSON.stringify(check)}::json
        WHERE EXISTS (SELECT 1 FROM automations WHERE trigger_id = ${check.triggerId})
        ON CONFLICT (trigger_id) DO UPDATE SET check_json = excluded.check_json`
    },
    getHookCheck: async (triggerId) => {
      const [row] = await sql`SELECT check_json AS check FROM hook_checks WHERE trigger_id = ${triggerId}`
      return row === undefined ? undefined : hookCheckSchema.parse(JSON.parse(z.object({ check: z.string() }).parse(row).check))
    },
    putDeliveryRefusal: async (refusal) => {
      await sql`
        INSERT INTO delivery_refusals (trigger_id, refused_at, reason)
        SELECT ${refusal.triggerId}, ${refusal.refusedAt}, ${refusal.reason}
        WHERE EXISTS (SELECT 1 FROM automations WHERE trigger_id = ${refusal.triggerId})
        ON CONFLICT (trigger_id) DO UPDATE SET refused_at = excluded.refused_at, reason = excluded.reason`
    },
    getDeliveryRefusal: async (triggerId) => {
      const [row] = await sql`
        SELECT trigger_id AS "triggerId", refused_at AS "refusedAt", reason FROM delivery_refusals WHERE trigger_id = ${triggerId}`
      return row === undefined ? undefined : deliveryRefusalSchema.parse(row)
    },
    // Session-level advisory locks, and the ping on their connection (postgres-locks.ts says why).
    tryLock: (name, holder) => locks.tryLock(name, holder),
    unlock: (name, holder) => locks.unlock(name, holder),
    ping: () => locks.ping(),
    async close() {
      // Deliveries queued but not yet written are written now: their requests are still waiting.
      await deliveries.flush()
      await listening.unlisten()
      await hearingTargets.unlisten()
      await locks.close()
      await sql.end({ timeout: 5 })
    },
  }
  // Every call a request waits on has a deadline (storage-deadline.ts): a delivery's commit its
  // own, from its arrival, and the trigger lookup above, on a miss of the receiver's cache only.
  // The retention purge answers no one, and a chunk cut off would end its run for the hour.
  return withDeadlines(storage, STORAGE_DEADLINE_MS, ['insertDelivery', 'watchDeliveries', 'getDeliveryTarget', 'purgeDeliveries', 'close'])
}
