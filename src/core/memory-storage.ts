import * as z from 'zod/mini'
import { savedTriggerSchema } from '../contract/trigger-config'
import { createMemoryRuns, emptyRunState, memoryRunStateSchema, runForDelivery } from './actions/memory-runs'
import { cursorTimeSchema, decodeCursor, encodeCursor, foldAsciiCase } from './delivery-cursor'
import { createDeliveryWatchers } from './delivery-watchers'
import type { DeliveryPageQuery, StorageWithRuns } from './ports'
import {
  accountRecordSchema,
  automationRecordSchema,
  deliveryRecordSchema,
  deliveryRefusalSchema,
  hookCheckSchema,
  hookLocationSchema,
  triggerVersionRecordSchema,
  type AccountRecord,
  type AutomationRecord,
  type DeliveryRecord,
  type HookLocation,
  type TriggerVersionRecord,
} from './record-schemas'

export type SnapshotStore = { load(): string | null; save(json: string): void }

const snapshotSchema = z.object({
  accounts: z.array(accountRecordSchema),
  automations: z.array(automationRecordSchema),
  /** Per trigger id, newest first. */
  deliveries: z.record(z.string(), z.array(deliveryRecordSchema)),
  // Optional: snapshots from before the reconciler have none.
  hookLocations: z.optional(z.array(hookLocationSchema)),
  /** Trigger id to when it was deleted. */
  deletedTriggers: z.optional(z.record(z.string(), z.string())),
  hookChecks: z.optional(z.record(z.string(), hookCheckSchema)),
  deliveryRefusals: z.optional(z.record(z.string(), deliveryRefusalSchema)),
  /** Per trigger id, newest first. */
  triggerVersions: z.optional(z.record(z.string(), z.array(triggerVersionRecordSchema))),
  /** Absent in snapshots from before actions. */
  runs: z.optional(memoryRunStateSchema),
})
type Snapshot = Required<z.infer<typeof snapshotSchema>>

function emptySnapshot(): Snapshot {
  return {
    accounts: [],
    automations: [],
    deliveries: {},
    hookLocations: [],
    deletedTriggers: {},
    hookChecks: {},
    deliveryRefusals: {},
    triggerVersions: {},
    runs: emptyRunState(),
  }
}

/**
 * Snapshots from before versions were rows kept the last ten earlier versions inside the
 * trigger (`history`) and knew nothing of restores: their versions move out, as SQLite's
 * migration moves them, so a demo's saved triggers survive the upgrade.
 */
const legacyVersionSchema = z.extend(savedTriggerSchema, { restoredFrom: z.optional(z.nullable(z.number())) })
const legacySnapshotSchema = z.looseObject({
  automations: z
    .array(
      z.looseObject({
        trigger: z.looseObject({ id: z.string(), saved: z.nullable(legacyVersionSchema), history: z.array(legacyVersionSchema) }),
      }),
    )
    // Without automations there is nothing to move, and nothing tells the old shape from the new.
    .check(z.minLength(1)),
})

function upgradeLegacySnapshot(json: unknown): unknown {
  const legacy = legacySnapshotSchema.safeParse(json)
  if (!legacy.success) return json
  const triggerVersions: Record<string, TriggerVersionRecord[]> = {}
  const automations = legacy.data.automations.map((automation) => {
    const { history, saved, ...trigger } = automation.trigger
    const versions = [...(saved ? [saved] : []), ...history].map((version) => ({ ...version, restoredFrom: version.restoredFrom ?? null }))
    triggerVersions[trigger.id] = versions.map((version) => ({ ...version, triggerId: trigger.id }))
    return { ...automation, trigger: { ...trigger, saved: saved ? (versions[0] ?? null) : null, draftRestoredFrom: null } }
  })
  return { ...legacy.data, automations, triggerVersions }
}

/** Where a memory page ended: the last row's received time and id. */
const memoryCursorSchema = z.tuple([cursorTimeSchema, z.string()])

function matches(delivery: DeliveryRecord, query: DeliveryPageQuery, search: string | undefined): boolean {
  return (
    (query.event === undefined || delivery.payload.scope === query.event) &&
    (query.from === undefined || delivery.receivedAt >= query.from) &&
    (query.to === undefined || delivery.receivedAt < query.to) &&
    (search === undefined || foldAsciiCase(JSON.stringify(delivery.payload)).includes(search))
  )
}

function sameLocation(a: HookLocation, b: HookLocation): boolean {
  return a.triggerId === b.triggerId && a.accountId === b.accountId && a.destination === b.destination
}

function upsert<T extends { id: string }>(rows: T[], row: T): void {
  const index = rows.findIndex((candidate) => candidate.id === row.id)
  if (index === -1) rows.push(row)
  else rows[index] = row
}

/** A snapshot that does not parse is dropped whole: half-trusted rows would be worse than none. */
function loadSnapshot(persist: SnapshotStore | undefined): Snapshot {
  const text = persist?.load()
  if (!text) return emptySnapshot()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return emptySnapshot()
  }
  const parsed = snapshotSchema.safeParse(upgradeLegacySnapshot(json))
  return parsed.success ? { ...emptySnapshot(), ...parsed.data } : emptySnapshot()
}

/**
 * `Storage` in memory, optionally persisted as one JSON snapshot (the browser demo uses
 * localStorage). It holds the demo's access tokens in plain text, which is acceptable only
 * because the demo talks to the simulated store; the server uses SQLite with encryption.
 * Rows are copied in and out so a caller can never change stored state by mutating a result.
 */
export function createMemoryStorage(persist?: SnapshotStore): StorageWithRuns {
  const state = loadSnapshot(persist)

  function save(): void {
    persist?.save(JSON.stringify(state))
  }

  const copy = <T>(value: T): T => structuredClone(value)
  /** Rows kept per trigger are only for live ones, as SQLite's foreign keys have it. */
  const isLive = (triggerId: string) => state.automations.some((automation) => automation.trigger.id === triggerId)
  const watchers = createDeliveryWatchers()
  const locks = new Map<string, { holder: string; expiresAt: string }>()
  const runs = createMemoryRuns(state.runs, {
    isActive: (automationId) => state.automations.some((automation) => automation.id === automationId && automation.active === true),
    save,
  })
  /** A delivery's runs and their attempts go with it (retention, a deleted automation), as SQLite's foreign keys have it. */
  function dropRuns(keep: (run: { deliveryId: string; automationId: string }) => boolean): void {
    const gone = new Set(state.runs.runs.filter((run) => !keep(run)).map((run) => run.id))
    if (gone.size === 0) return
    state.runs.runs = state.runs.runs.filter((run) => !gone.has(run.id))
    state.runs.attempts = state.runs.attempts.filter((attempt) => !gone.has(attempt.runId))
  }

  return {
    ...runs,
    async listAccounts() {
      return copy(state.accounts)
    },
    async getAccount(accountId) {
      const account = state.accounts.find((candidate) => candidate.id === accountId)
      return account && copy(account)
    },
    async putAccount(account: AccountRecord) {
      upsert(state.accounts, copy(account))
      save()
    },
    async deleteAccount(accountId) {
      state.accounts = state.accounts.filter((candidate) => candidate.id !== accountId)
      save()
    },

    async listAutomations() {
      return copy(state.automations)
    },
    async getAutomation(automationId) {
      const automation = state.automations.find((candidate) => candidate.id === automationId)
      return automation && copy(automation)
    },
    async getAutomationByTriggerId(triggerId) {
      const automation = state.automations.find((candidate) => candidate.trigger.id === triggerId)
      return automation && copy(automation)
    },
    async putAutomation(automation: AutomationRecord) {
      upsert(state.automations, copy(automation))
      save()
    },
    async deleteAutomation(automationId) {
      const automation = state.automations.find((candidate) => candidate.id === automationId)
      if (!automation) return
      state.automations = state.automations.filter((candidate) => candidate.id !== automationId)
      delete state.deliveries[automation.trigger.id]
      delete state.hookChecks[automation.trigger.id]
      delete state.deliveryRefusals[automation.trigger.id]
      delete state.triggerVersions[automation.trigger.id]
      dropRuns((run) => run.automationId !== automationId)
      for (const key of ['stepHealth', 'secrets', 'signingKeys', 'stepTests'] as const) {
        state.runs[key] = state.runs[key].filter((row: { automationId: string }) => row.automationId !== automationId) as never
      }
      save()
    },

    async getDeliveryTarget(triggerId) {
      const automation = state.automations.find((candidate) => candidate.trigger.id === triggerId)
      if (!automation) return undefined
      const { secret, saved } = automation.trigger
      const account = saved ? state.accounts.find((candidate) => candidate.id === saved.config.accountId) : undefined
      return {
        secret,
        savedEvent: saved?.config.event ?? null,
        account: account
          ? { storeHash: account.storeHash, ...(account.clientSecret === undefined ? {} : { clientSecret: account.clientSecret }) }
          : null,
      }
    },

    // Parsed on the way out, as SQLite's rows are: that is the copy, and a check too.
    async saveTriggerVersion(automation, version) {
      const row = triggerVersionRecordSchema.parse(version)
      const kept = state.triggerVersions[row.triggerId] ?? []
      if (kept.some((candidate) => candidate.version === row.version)) {
        throw new Error(`Version ${row.version} of trigger ${row.triggerId} is already saved.`)
      }
      upsert(state.automations, copy(automation))
      state.triggerVersions[row.triggerId] = [row, ...kept].sort((a, b) => b.version - a.version)
      save()
    },
    async withdrawTriggerVersion(automation, version) {
      upsert(state.automations, copy(automation))
      const kept = state.triggerVersions[automation.trigger.id] ?? []
      state.triggerVersions[automation.trigger.id] = kept.filter((candidate) => candidate.version !== version)
      save()
    },
    async listTriggerVersions(triggerId, { before, limit }) {
      const kept = state.triggerVersions[triggerId] ?? []
      return kept
        .filter((version) => before === undefined || version.version < before)
        .slice(0, Math.max(0, limit))
        .map((version) => triggerVersionRecordSchema.parse(version))
    },
    async getTriggerVersion(triggerId, version) {
      const row = (state.triggerVersions[triggerId] ?? []).find((candidate) => candidate.version === version)
      return row && triggerVersionRecordSchema.parse(row)
    },

    async insertDelivery(delivery: DeliveryRecord) {
      const row = copy(delivery)
      const kept = state.deliveries[row.triggerId] ?? []
      const stored = kept.find((candidate) => candidate.hash === row.hash)
      if (stored) {
        stored.duplicates += 1
        save()
        return 'duplicate'
      }
      // Kept until the retention purge (purgeDeliveries), by age as on the server.
      state.deliveries[row.triggerId] = [row, ...kept]
      const automation = state.automations.find((candidate) => candidate.trigger.id === row.triggerId)
      const run = automation ? runForDelivery(automation, row, globalThis.crypto.randomUUID()) : null
      if (run) state.runs.runs.push(run)
      save()
      watchers.notify({ triggerId: row.triggerId, deliveryId: row.id })
      return 'inserted'
    },
    watchDeliveries: watchers.watch,
    async listDeliveries(triggerId, limit) {
      return copy((state.deliveries[triggerId] ?? []).slice(0, Math.max(0, limit)))
    },
    async listDeliveryPage(triggerId, query) {
      const kept = state.deliveries[triggerId] ?? []
      let start = 0
      if (query.cursor !== undefined) {
        const [receivedAt, id] = decodeCursor(query.cursor, memoryCursorSchema)
        const index = kept.findIndex((delivery) => delivery.id === id)
        // The row the page ended at may have been purged since: then resume at what is older.
        const older = kept.findIndex((delivery) => delivery.receivedAt < receivedAt)
        start = index !== -1 ? index + 1 : older === -1 ? kept.length : older
      }
      const search = query.search === undefined ? undefined : foldAsciiCase(query.search)
      const page: DeliveryRecord[] = []
      let more = false
      for (let index = start; index < kept.length; index += 1) {
        const delivery = kept[index]
        if (!delivery || !matches(delivery, query, search)) continue
        if (page.length === query.limit) {
          more = true
          break
        }
        page.push(delivery)
      }
      const last = page.at(-1)
      return { deliveries: copy(page), nextCursor: more && last ? encodeCursor([last.receivedAt, last.id]) : null }
    },
    async getDelivery(triggerId, deliveryId) {
      const delivery = (state.deliveries[triggerId] ?? []).find((candidate) => candidate.id === deliveryId)
      return delivery && copy(delivery)
    },
    async purgeDeliveries(before, limit) {
      let purged = 0
      for (const [triggerId, kept] of Object.entries(state.deliveries)) {
        if (purged >= limit) break
        const expired = kept
          .filter((delivery) => delivery.receivedAt < before)
          .sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1))
          .slice(0, limit - purged)
        if (expired.length === 0) continue
        const gone = new Set(expired.map((delivery) => delivery.id))
        state.deliveries[triggerId] = kept.filter((delivery) => !gone.has(delivery.id))
        dropRuns((run) => !gone.has(run.deliveryId))
        purged += expired.length
      }
      if (purged > 0) save()
      return purged
    },
    async deliveryStats(triggerId, since) {
      const kept = state.deliveries[triggerId] ?? []
      return { count: kept.filter((delivery) => delivery.receivedAt >= since).length, lastReceivedAt: kept[0]?.receivedAt ?? null }
    },

    async addHookLocations(locations) {
      for (const location of copy(locations)) {
        if (!state.hookLocations.some((existing) => sameLocation(existing, location))) state.hookLocations.push(location)
      }
      save()
    },
    async listHookLocations(triggerId) {
      return copy(state.hookLocations.filter((location) => triggerId === undefined || location.triggerId === triggerId))
    },
    async removeHookLocation(location) {
      state.hookLocations = state.hookLocations.filter((existing) => !sameLocation(existing, location))
      save()
    },
    async recordDeletedTrigger(triggerId, deletedAt) {
      state.deletedTriggers[triggerId] = deletedAt
      save()
    },
    async wasTriggerDeletedSince(triggerId, since) {
      const deletedAt = state.deletedTriggers[triggerId]
      return deletedAt !== undefined && deletedAt >= since
    },
    async pruneDeletedTriggers(before) {
      for (const [triggerId, deletedAt] of Object.entries(state.deletedTriggers)) {
        if (deletedAt < before) delete state.deletedTriggers[triggerId]
      }
      save()
    },
    async putHookCheck(check) {
      const row = copy(check)
      if (!isLive(row.triggerId)) return
      state.hookChecks[row.triggerId] = row
      save()
    },
    async putDeliveryRefusal(refusal) {
      const row = copy(refusal)
      if (!isLive(row.triggerId)) return
      state.deliveryRefusals[row.triggerId] = row
      save()
    },
    async getDeliveryRefusal(triggerId) {
      const refusal = state.deliveryRefusals[triggerId]
      return refusal && copy(refusal)
    },
    // Memory always answers.
    async ping() {},
    async getHookCheck(triggerId) {
      const check = state.hookChecks[triggerId]
      return check && copy(check)
    },
    // In one tab's memory only: enough for the demo, where one page is the only process.
    async tryLock(name, holder, now, expiresAt) {
      const current = locks.get(name)
      if (current && current.holder !== holder && current.expiresAt > now) return false
      locks.set(name, { holder, expiresAt })
      return true
    },
    async unlock(name, holder) {
      if (locks.get(name)?.holder === holder) locks.delete(name)
    },
  }
}
