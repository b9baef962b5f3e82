import * as z from 'zod/mini'
import { hostOf } from './deliveries'
import { epochSeconds } from './route-context'
import { SimulatorError } from './store-basics'
import type { BlockedDomain, HookRecord, StoreState } from './store-state'

/**
 * What BigCommerce does to failing destinations (docs/bigcommerce-api-notes.md §3.4), on demand for tests and demos:
 * deactivate a hook, as after 48 hours of failed retries, and denylist a domain, as when its
 * success ratio drops below 90%. Both show in `GET /v3/hooks/admin`.
 */

/** BigCommerce blocklists a domain for three minutes. */
const BLOCK_SECONDS = 180

export const domainBlockSchema = z.object({
  /** A host name (`hooks.example.com`) or any URL on it. */
  domain: z.string().check(z.minLength(1)),
  /** The API account it applies to (blocklisting is per client id); every account of the store when omitted. */
  clientId: z.optional(z.string()),
  seconds: z.optional(z.number().check(z.int(), z.minimum(1))),
  reason: z.optional(z.string()),
})
export type DomainBlock = z.infer<typeof domainBlockSchema>

export function deactivateHook(store: StoreState, hookId: number, at: Date): HookRecord {
  const hook = store.hooks.find((candidate) => candidate.id === hookId)
  if (!hook) throw new SimulatorError(404, `Webhook with id [${hookId}] not found`)
  hook.is_active = false
  hook.updated_at = epochSeconds(at)
  if (!store.deactivatedHookIds.includes(hook.id)) store.deactivatedHookIds.push(hook.id)
  return hook
}

export function blockDomain(store: StoreState, block: DomainBlock, at: Date): BlockedDomain[] {
  const domain = hostOf(block.domain.includes('://') ? block.domain : `https://${block.domain}`)
  const clientIds = block.clientId === undefined ? store.accounts.map((account) => account.clientId) : [block.clientId]
  if (!store.accounts.some((account) => clientIds.includes(account.clientId))) {
    throw new SimulatorError(404, `Store ${store.hash} has no API account ${block.clientId ?? ''}.`)
  }
  const blockedAt = epochSeconds(at)
  const added = clientIds.map((clientId) => ({
    clientId,
    domain,
    blockedAt,
    until: blockedAt + (block.seconds ?? BLOCK_SECONDS),
    reason: block.reason ?? 'The success ratio of callbacks to this domain fell below 90%.',
  }))
  // A new block replaces the account's old one on the same domain.
  store.blockedDomains = [
    ...store.blockedDomains.filter((existing) => !(existing.domain === domain && clientIds.includes(existing.clientId))),
    ...added,
  ]
  return added
}

export function unblockDomain(store: StoreState, domain: string): void {
  const host = hostOf(domain.includes('://') ? domain : `https://${domain}`)
  store.blockedDomains = store.blockedDomains.filter((block) => block.domain !== host)
}
