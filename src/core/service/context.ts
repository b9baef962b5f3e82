import { LISTEN_TIMEOUT_MS } from '../../contract/deliveries'
import { BackendError } from '../../contract/errors'
import { DEFAULT_RETENTION_DAYS } from '../delivery-retention'
import { withRunStorage } from '../actions/no-runs'
import { keepsRuns, type CoreConfig, type Storage, type StorageWithRuns, type StorePlatform } from '../ports'
import { createReconciler, type Reconciler } from '../reconciler'
import type { AccountRecord, AutomationRecord, TriggerVersionRecord } from '../record-schemas'

/**
 * What every use case of the service takes: the two ports, the settings, the clock and ids,
 * and the two things they share (the per-key queue and the reconciler). One per service.
 */
export type ServiceContext = {
  /** Runs too: on a storage that keeps none, their methods refuse with words (`withRunStorage`). */
  storage: StorageWithRuns
  /** False on a storage that keeps no runs: steps are saved, never run. */
  runsKept: boolean
  platform: StorePlatform
  config: CoreConfig
  /** PUBLIC_URL without a trailing slash; null when BigCommerce cannot reach this server. */
  publicUrl: string | null
  now: () => Date
  randomId: () => string
  /** A delivery's id: one that grows with time (see `timeOrderedId`). */
  newDeliveryId: () => string
  retentionDays: number
  listenTimeoutMs: number
  serialized: <T>(key: string, work: () => Promise<T>) => Promise<T>
  reconciler: Reconciler
}

/**
 * A UUIDv7 (RFC 9562): the time in milliseconds, then randomUUID's random bits. The uuid
 * package's v7 draws its bytes through crypto.getRandomValues, 4 % of a delivery's time in a
 * profile; randomUUID draws from a pool.
 */
export function timeOrderedId(at: Date): string {
  const time = at.getTime().toString(16).padStart(12, '0')
  // randomUUID is xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx: keep all after its version digit.
  return `${time.slice(0, 8)}-${time.slice(8)}-7${globalThis.crypto.randomUUID().slice(15)}`
}

export function createServiceContext({
  storage,
  platform,
  config,
}: {
  storage: Storage
  platform: StorePlatform
  config: CoreConfig
}): ServiceContext {
  const now = () => (config.now ? config.now() : new Date())
  const randomId = () => (config.randomId ? config.randomId() : globalThis.crypto.randomUUID())
  const publicUrl = config.publicUrl ? config.publicUrl.replace(/\/+$/, '') : null

  /**
   * Changes to one automation (key `automation:{id}`) run one after another, so a double-clicked
   * Save cannot register two hooks or let one save overwrite the other's history; so do the
   * authorizations of one store (`account:{hash}`), so a double submit cannot add two accounts.
   */
  const queues = new Map<string, Promise<unknown>>()
  function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(key) ?? Promise.resolve()
    const result = previous.then(work, work)
    const settled = result.then(
      () => undefined,
      () => undefined,
    )
    queues.set(key, settled)
    void settled.then(() => {
      if (queues.get(key) === settled) queues.delete(key)
    })
    return result
  }

  return {
    storage: withRunStorage(storage),
    runsKept: keepsRuns(storage),
    platform,
    config,
    publicUrl,
    now,
    randomId,
    // Deliveries arrive by the thousand: an id that grows with time (a UUIDv7) is added at the end
    // of the id index, where a random one would dirty a page of it anywhere, one each.
    newDeliveryId: () => (config.randomId ? config.randomId() : timeOrderedId(now())),
    retentionDays: config.retentionDays ?? DEFAULT_RETENTION_DAYS,
    listenTimeoutMs: config.listenTimeoutMs ?? LISTEN_TIMEOUT_MS,
    serialized,
    reconciler: createReconciler({ storage, platform, publicUrl, now, randomId }),
  }
}

export async function requireAutomation({ storage }: Pick<ServiceContext, 'storage'>, automationId: string): Promise<AutomationRecord> {
  const automation = await storage.getAutomation(automationId)
  if (!automation) throw new BackendError('not_found', 'This automation no longer exists. It may have been deleted.')
  return automation
}

export async function requireAccount({ storage }: Pick<ServiceContext, 'storage'>, accountId: string): Promise<AccountRecord> {
  const account = await storage.getAccount(accountId)
  if (!account) {
    throw new BackendError('not_found', 'That BigCommerce account is not authorized here. Add it again.', { field: 'accountId' })
  }
  return account
}

export async function requireVersion(
  { storage }: Pick<ServiceContext, 'storage'>,
  automation: AutomationRecord,
  version: number,
): Promise<TriggerVersionRecord> {
  const found = await storage.getTriggerVersion(automation.trigger.id, version)
  if (!found) throw new BackendError('not_found', `This trigger has no version ${version}.`)
  return found
}

export function isCode(error: unknown, ...codes: string[]): error is BackendError {
  return error instanceof BackendError && codes.includes(error.code)
}
