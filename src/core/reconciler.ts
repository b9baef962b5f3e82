import type { WebhookRegistration } from '../contract/trigger-config'
import { TRIGGER_SECRET_HEADER } from '../contract/custom-headers'
import { BackendError } from '../contract/errors'
import { webhookPath } from '../contract/routes'
import type { Hook, HookInput, Storage, StorePlatform } from './ports'
import type { AccountRecord, AutomationRecord, HookCheck, HookLocation } from './record-schemas'
import { credentialsOf } from './store-identity'

/**
 * Keeps BigCommerce in step with the saved triggers. A trigger's saved version is the desired
 * state; its hook locations (storage) are every account + destination where a hook of it may
 * be. A run lists the hooks at each location (`GET /v3/hooks?destination=…`) and converges:
 * creates the wanted hook, adopts one that is there, reactivates a deactivated one, puts back
 * changed headers, and deletes every other hook at our destinations. Then it stores what it saw
 * and did as the trigger's check. Save, revert and delete write their intent to storage first
 * and then call it, so after a crash at any point the next run (at start-up) finishes the job.
 */

export type ReconcileMode =
  /** Change BigCommerce until it matches. */
  | 'converge'
  /** Only look, for a health view: what the user sees is what BigCommerce holds now. */
  | 'observe'

export type TriggerOutcome = {
  /** Null when the trigger is deleted (its leftover hooks were the work) or the lock was busy. */
  check: HookCheck | null
  /** BigCommerce's refusal or failure, already recorded in `check.problem`. */
  error: BackendError | null
  busy: boolean
  /** Calls made to BigCommerce. */
  requests: number
}

export type ReconcileRun = { triggers: number; requests: number; changes: number; failed: number; busy: number }

/** A lock whose holder cannot be told dead frees itself this long after its last renewal. */
const LOCK_TTL_MS = 15_000
const LOCK_RENEW_MS = 5_000
/** Save waits this long for another run of the same trigger (another tab, another process). */
const LOCK_WAIT_MS = 20_000
/** BigCommerce retries a failed delivery for about 48 hours (notes §3.4); a day more for safety. */
export const DELETED_TRIGGER_KEPT_MS = 72 * 3600_000

type Desired = { accountId: string; destination: string; input: HookInput }

/** Where BigCommerce delivers a trigger's events: this server's public base and the trigger's path. */
export function hookDestination(publicUrl: string, triggerId: string): string {
  return `${publicUrl}${webhookPath(triggerId)}`
}

function sameLocation(a: HookLocation, b: HookLocation): boolean {
  return a.triggerId === b.triggerId && a.accountId === b.accountId && a.destination === b.destination
}

function sameHeaders(a: Record<string, string> | null, b: Record<string, string>): boolean {
  const left = Object.entries(a ?? {})
  return left.length === Object.keys(b).length && left.every(([name, value]) => b[name] === value)
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return url.toLowerCase()
  }
}

/** Counts the calls a run makes, for its log line and the rate-limit budget (notes §1.6). */
function countingPlatform(platform: StorePlatform): { platform: StorePlatform; count: () => number } {
  let count = 0
  const counted = new Proxy(platform, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        count += 1
        return Reflect.apply(value, target, args)
      }
    },
  })
  return { platform: counted, count: () => count }
}

export function createReconciler({
  storage,
  platform,
  publicUrl,
  now,
  randomId,
}: {
  storage: Storage
  platform: StorePlatform
  /** Without a trailing slash; null when BigCommerce cannot reach us. */
  publicUrl: string | null
  now: () => Date
  randomId: () => string
}) {
  /**
   * Where the trigger's hook should be, and what it should say. With PUBLIC_URL set, at this
   * server's address (a new PUBLIC_URL moves hooks there). Without it, a trigger saved while it
   * was set keeps its hook: a server started once without the setting must not delete them all.
   */
  function desiredOf(automation: AutomationRecord): Desired | null {
    const { saved, id, secret } = automation.trigger
    if (!saved) return null
    const destination = publicUrl
      ? hookDestination(publicUrl, id)
      : saved.webhook.status === 'registered'
        ? saved.webhook.destination
        : null
    if (!destination) return null
    const headers: Record<string, string> = {}
    for (const header of saved.config.headers) headers[header.name] = header.value
    headers[TRIGGER_SECRET_HEADER] = secret
    return { accountId: saved.config.accountId, destination, input: { scope: saved.config.event, destination, headers } }
  }

  /** Where the saved version's hook was registered, as recorded at save time. */
  function savedLocation(automation: AutomationRecord): HookLocation | null {
    const { saved, id } = automation.trigger
    if (!saved || saved.webhook.status !== 'registered' || !saved.webhook.destination) return null
    return { triggerId: id, accountId: saved.config.accountId, destination: saved.webhook.destination }
  }

  async function withLock<T>(triggerId: string, wait: boolean, work: () => Promise<T>): Promise<T | 'busy'> {
    const name = `reconcile:${triggerId}`
    const holder = randomId()
    const take = () => {
      const at = now()
      return storage.tryLock(name, holder, at.toISOString(), new Date(at.getTime() + LOCK_TTL_MS).toISOString())
    }
    const deadline = Date.now() + (wait ? LOCK_WAIT_MS : 0)
    while (!(await take())) {
      if (Date.now() >= deadline) return 'busy'
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    // A renewal that fails (the database away a moment) is tried again at the next; the lock lasts LOCK_TTL_MS.
    const renew = setInterval(() => void take().catch(() => undefined), LOCK_RENEW_MS)
    // A renewal is no reason to keep a process alive (Node); browsers have no unref.
    const handle: unknown = renew
    if (typeof handle === 'object' && handle !== null && 'unref' in handle && typeof handle.unref === 'function') handle.unref()
    try {
      return await work()
    } finally {
      clearInterval(renew)
      await storage.unlock(name, holder)
    }
  }

  async function blockedDomainFor(
    bc: StorePlatform,
    account: AccountRecord,
    destination: string,
    cache: Map<string, ReturnType<StorePlatform['blockedDomains']>>,
  ): Promise<HookCheck['blockedDomain']> {
    // One `GET /v3/hooks/admin` per account and run: the denylist is per API account.
    let blocked = cache.get(account.id)
    if (!blocked) {
      blocked = bc.blockedDomains(credentialsOf(account))
      cache.set(account.id, blocked)
    }
    const block = (await blocked).find((candidate) => hostOf(candidate.destination) === hostOf(destination))
    if (!block) return null
    return {
      destination: block.destination,
      until: new Date(now().getTime() + block.timeLeftSeconds * 1000).toISOString(),
      reasons: block.reasons,
    }
  }

  async function run(
    triggerId: string,
    mode: ReconcileMode,
    bc: StorePlatform,
    blockCache: Map<string, ReturnType<StorePlatform['blockedDomains']>>,
  ): Promise<{ check: HookCheck; live: boolean; error: BackendError | null }> {
    // Read inside the lock, so a save that waited for it is seen.
    const automation = await storage.getAutomationByTriggerId(triggerId)
    const desired = automation ? desiredOf(automation) : null
    const desiredLocation: HookLocation | null = desired
      ? { triggerId, accountId: desired.accountId, destination: desired.destination }
      : null
    // A run that fails before it sees the hook still knows which hook it last saw.
    const previous = desired ? await storage.getHookCheck(triggerId) : undefined
    const check: HookCheck = {
      triggerId,
      checkedAt: now().toISOString(),
      status: desired ? 'unknown' : 'not_registered',
      hookId: previous?.hookId ?? null,
      blockedDomain: null,
      actions: [],
      problem: null,
    }
    const converge = mode === 'converge'
    let error: BackendError | null = null

    try {
      const recorded = await storage.listHookLocations(triggerId)
      // Recorded before anything is created there, so no hook is ever made where we would not look.
      if (desiredLocation && converge && !recorded.some((location) => sameLocation(location, desiredLocation))) {
        await storage.addHookLocations([desiredLocation])
      }
      // The wanted hook first: its deliveries must never have nowhere to go while old ones go.
      const others = recorded.filter((location) => !desiredLocation || !sameLocation(location, desiredLocation))
      const locations = desiredLocation ? [desiredLocation, ...(converge ? others : [])] : converge ? others : []

      for (const location of locations) {
        const account = await storage.getAccount(location.accountId)
        const isDesired = desiredLocation !== null && sameLocation(location, desiredLocation)
        if (!account) {
          // An account is deleted only once no trigger uses it and no location names it (see
          // deleteAccount), so this is a corrupt row; nothing can reach its hooks.
          if (isDesired) throw new BackendError('not_found', 'The BigCommerce account of this trigger is no longer authorized here.')
          await storage.removeHookLocation(location)
          continue
        }
        const credentials = credentialsOf(account)
        let hooks: Hook[]
        try {
          hooks = await bc.listHooksAt(credentials, location.destination)
        } catch (caught) {
          // A refused token means its API account is deleted, and BigCommerce deletes the
          // account's hooks with it (notes §1.1): nothing is left there to remove.
          if (!isDesired && caught instanceof BackendError && caught.code === 'invalid_credentials') {
            await storage.removeHookLocation(location)
            continue
          }
          throw caught
        }

        if (isDesired && desired) {
          const keep = hooks.find((hook) => hook.scope === desired.input.scope)
          if (!keep) {
            check.status = 'missing'
            check.hookId = null
            if (converge) {
              const created = await bc.createHook(credentials, desired.input)
              check.hookId = created.id
              check.status = 'registered'
              check.actions.push(`Created hook ${created.id} for ${desired.input.scope}.`)
            }
          } else {
            check.hookId = keep.id
            check.status = keep.is_active ? 'registered' : 'deactivated'
            if (converge && (!keep.is_active || !sameHeaders(keep.headers, desired.input.headers))) {
              // `PUT` sends `is_active: true` too, which is how BigCommerce reactivates (notes §3.4).
              await bc.updateHook(credentials, keep.id, desired.input)
              check.actions.push(
                keep.is_active
                  ? `Updated hook ${keep.id}'s headers to the saved ones.`
                  : `Reactivated hook ${keep.id}: BigCommerce had deactivated it.`,
              )
              check.status = 'registered'
            }
          }
          check.blockedDomain = await blockedDomainFor(bc, account, desired.destination, blockCache)
        }

        if (!converge) continue
        for (const hook of hooks) {
          if (isDesired && hook.id === check.hookId) continue
          try {
            await bc.deleteHook(credentials, hook.id)
          } catch (caught) {
            // As above: a token refused now went with its API account, and so did the hook.
            if (!isDesired && caught instanceof BackendError && caught.code === 'invalid_credentials') break
            throw caught
          }
          check.actions.push(
            `Deleted hook ${hook.id} (${hook.scope}): ${isDesired ? "not this trigger's event" : 'left from an earlier save or a deleted trigger'}.`,
          )
        }
        if (!isDesired) await storage.removeHookLocation(location)
      }
    } catch (caught) {
      if (!(caught instanceof BackendError)) throw caught
      error = caught
      check.problem = caught.message
    }

    // A deleted trigger's run is only its clean-up: there is no health to show.
    if (automation) await storage.putHookCheck(check)
    return { check, live: automation !== undefined, error }
  }

  /** Under the locks of all `triggerIds`, taken in one order so that two callers cannot deadlock. */
  async function withLocks<T>(triggerIds: readonly string[], work: () => Promise<T>): Promise<T | 'busy'> {
    const [first, ...rest] = [...new Set(triggerIds)].sort()
    if (first === undefined) return work()
    return withLock(first, true, () => withLocks(rest, work))
  }

  const reconciler = {
    desiredOf,
    savedLocation,

    /**
     * Gives `account` the token `updated` holds, leaving no hook behind. BigCommerce shows a token
     * only the hooks its own API account made (notes §1.1), so once the token is replaced, the old
     * one's hooks could neither be seen nor removed. So, under the lock of every trigger with a
     * hook at the account: the old token's hooks there are deleted, the token is replaced, and each
     * trigger is converged, which creates its hook with the new token. Killed before the token is
     * replaced, the next run recreates the deleted hooks with the old one; after, with the new one.
     * The events of those few seconds have no hook to be delivered by.
     */
    async replaceToken(account: AccountRecord, updated: AccountRecord): Promise<void> {
      const atAccount = async () => (await storage.listHookLocations()).filter((location) => location.accountId === account.id)
      const triggerIds = (await atAccount()).map((location) => location.triggerId)
      const result = await withLocks(triggerIds, async () => {
        const old = credentialsOf(account)
        try {
          for (const destination of new Set((await atAccount()).map((location) => location.destination))) {
            for (const hook of await platform.listHooksAt(old, destination)) await platform.deleteHook(old, hook.id)
          }
        } catch (caught) {
          // A refused old token went with its API account, and so did its hooks: none is left.
          if (!(caught instanceof BackendError) || caught.code !== 'invalid_credentials') {
            // The hooks deleted so far come back with the old token, which stays.
            for (const triggerId of triggerIds) await run(triggerId, 'converge', platform, new Map())
            throw caught
          }
        }
        await storage.putAccount(updated)
        // A failure here is the trigger's health to show, as after any save; later runs retry it.
        for (const triggerId of triggerIds) await run(triggerId, 'converge', platform, new Map())
      })
      if (result === 'busy')
        throw new BackendError('conflict', 'A trigger of this account is being checked right now. Try again in a moment.')
    },

    /** One trigger, under its lock; `wait` for another run of it to finish rather than skip. */
    async reconcileTrigger(triggerId: string, { mode, wait }: { mode: ReconcileMode; wait: boolean }): Promise<TriggerOutcome> {
      const counted = countingPlatform(platform)
      const result = await withLock(triggerId, wait, () => run(triggerId, mode, counted.platform, new Map()))
      if (result === 'busy') return { check: null, error: null, busy: true, requests: 0 }
      return { check: result.live ? result.check : null, error: result.error, busy: false, requests: counted.count() }
    },

    /** Every live trigger and every deleted one with hooks left; one trigger at a time, each under its lock. */
    async reconcileAll(): Promise<ReconcileRun> {
      const counted = countingPlatform(platform)
      const blockCache = new Map<string, ReturnType<StorePlatform['blockedDomains']>>()
      const live = (await storage.listAutomations())
        .filter((automation) => automation.trigger.saved)
        .map((automation) => automation.trigger.id)
      const leftover = (await storage.listHookLocations()).map((location) => location.triggerId)
      const triggerIds = [...new Set([...live, ...leftover])]
      const summary: ReconcileRun = { triggers: triggerIds.length, requests: 0, changes: 0, failed: 0, busy: 0 }
      for (const triggerId of triggerIds) {
        // Waits: a lock left by a process that died (kill -9) is taken over at once (see
        // Storage.tryLock), or, where that cannot be told, once it expires (LOCK_TTL_MS).
        const result = await withLock(triggerId, true, () => run(triggerId, 'converge', counted.platform, blockCache))
        if (result === 'busy') summary.busy += 1
        else {
          if (result.error) summary.failed += 1
          summary.changes += result.check.actions.length
        }
      }
      await storage.pruneDeletedTriggers(new Date(now().getTime() - DELETED_TRIGGER_KEPT_MS).toISOString())
      summary.requests = counted.count()
      return summary
    },
  }
  return reconciler
}

export type Reconciler = ReturnType<typeof createReconciler>

/** The registration the app shows: what the last check saw, else what the save recorded. */
export function webhookAsChecked(stored: WebhookRegistration, check: HookCheck | undefined): WebhookRegistration {
  if (!check || check.status === 'not_registered') return stored
  if (check.status === 'unknown') return check.hookId === null ? stored : { ...stored, status: 'registered', hookId: check.hookId }
  if (check.status === 'missing') {
    return {
      status: 'not_registered',
      hookId: null,
      destination: stored.destination,
      detail: 'BigCommerce has no webhook for this trigger.',
    }
  }
  return {
    status: 'registered',
    hookId: check.hookId,
    destination: stored.destination,
    detail: check.status === 'deactivated' ? 'BigCommerce has deactivated this webhook.' : null,
  }
}
