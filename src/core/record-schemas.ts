import * as z from 'zod/mini'
import { accountSchema, readScopesSchema } from '../contract/accounts'
import { deliveryAuthenticationSchema } from '../contract/deliveries'
import { savedTriggerSchema, triggerDraftSchema } from '../contract/trigger-config'
import { triggerHealthSchema } from '../contract/trigger-health'
import { callbackSchema, eventScopeSchema } from '../contract/events'

/**
 * Rows as storage keeps them. Every storage adapter parses what it reads with these, so a
 * corrupt or outdated row fails loudly instead of flowing into the app.
 */

/** `accessToken` and `clientSecret` are plain here: a storage adapter encrypts them at rest. */
export const accountRecordSchema = z.object({
  id: accountSchema.shape.id,
  connector: accountSchema.shape.connector,
  storeHash: z.string(),
  storeName: z.string(),
  createdAt: z.string(),
  accessToken: z.string(),
  /** The API account's Client Secret, the key of its deliveries' signatures (notes §3.5); absent when not given. */
  clientSecret: z.optional(z.string()),
  /** BigCommerce's numeric store id (`store_id` in deliveries), when `/v2/store` told us. */
  storeId: z.nullable(z.string()),
  // Optional, so rows kept before these existed (the demo's localStorage snapshot) still parse.
  /** What the user renamed it to; absent or null: the store's name. */
  displayName: z.optional(z.nullable(z.string())),
  /** Absent or null for a row from before it was kept: such an account was verified when it was created. */
  lastVerifiedAt: z.optional(z.nullable(z.string())),
  /** Absent or null: never checked. */
  readScopes: z.optional(z.nullable(readScopesSchema)),
})
export type AccountRecord = z.infer<typeof accountRecordSchema>

export const triggerRecordSchema = z.object({
  id: z.string(),
  /** Random per trigger; BigCommerce sends it back in `X-Trigger-Secret` with every delivery. */
  secret: z.string(),
  draft: triggerDraftSchema,
  /**
   * The version in effect: what the reconciler keeps BigCommerce holding. A copy of the newest
   * of the trigger's versions, which storage keeps as rows of their own (`TriggerVersionRecord`).
   */
  saved: z.nullable(savedTriggerSchema),
  /** The version the draft was restored from, until a save records it or a revert drops it. */
  draftRestoredFrom: z.nullable(z.number()),
})

export const automationRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  trigger: triggerRecordSchema,
  /** Activate Automation: its steps run only while true. Absent on rows from before actions: inactive. */
  active: z.optional(z.boolean()),
})
export type AutomationRecord = z.infer<typeof automationRecordSchema>

/** One saved version of a trigger; never changed once written. */
export const triggerVersionRecordSchema = z.extend(savedTriggerSchema, { triggerId: z.string() })
export type TriggerVersionRecord = z.infer<typeof triggerVersionRecordSchema>

export const deliveryRecordSchema = z.object({
  id: z.string(),
  triggerId: z.string(),
  /** BigCommerce's `hash` of the payload: the idempotency key. */
  hash: z.string(),
  receivedAt: z.string(),
  payload: callbackSchema,
  /** How many times BigCommerce sent it again (same hash) after it was stored; 0 at first. */
  duplicates: z.prefault(z.number(), 0),
  /**
   * What proved it came from BigCommerce: the trigger's secret header, or also the API account's
   * signature. Defaults for rows (and demo snapshots) written before it was recorded.
   */
  authenticatedBy: z.prefault(deliveryAuthenticationSchema, 'secret'),
})
export type DeliveryRecord = z.infer<typeof deliveryRecordSchema>

/**
 * What the webhook receiver needs to take a delivery, and no more: read for every delivery, so
 * storage answers it without reading the whole trigger or opening the access token.
 */
export const deliveryTargetSchema = z.object({
  /** The trigger's secret, sent back in `X-Trigger-Secret`. */
  secret: z.string(),
  /** The saved event; null before the first save. */
  savedEvent: z.nullable(eventScopeSchema),
  /** The saved account's store, and its Client Secret when one was given; null if the account is gone. */
  account: z.nullable(z.object({ storeHash: z.string(), clientSecret: z.optional(z.string()) })),
})
export type DeliveryTarget = z.infer<typeof deliveryTargetSchema>

/**
 * A place where BigCommerce may hold a hook of ours for a trigger: one API account (by the
 * account that reaches it) and one destination. Written before a hook is created there and
 * removed only once the reconciler has seen the place hold nothing we do not want, so a crash
 * at any point leaves every hook we may have created findable.
 */
export const hookLocationSchema = z.object({
  triggerId: z.string(),
  accountId: z.string(),
  destination: z.string(),
})
export type HookLocation = z.infer<typeof hookLocationSchema>

/** What one reconciler run saw and did for a trigger (the trigger's health, less delivery counts). */
export const hookCheckSchema = z.object({
  triggerId: z.string(),
  checkedAt: z.string(),
  status: triggerHealthSchema.shape.status,
  hookId: z.nullable(z.number()),
  blockedDomain: triggerHealthSchema.shape.blockedDomain,
  actions: z.array(z.string()),
  problem: z.nullable(z.string()),
})
export type HookCheck = z.infer<typeof hookCheckSchema>

/**
 * The last delivery the receiver refused for a saved trigger (a wrong secret header or
 * signature, another store, another event): BigCommerce counts each as a failure, retries it for
 * about 48 hours and then deactivates the hook (notes §3.4), so the trigger's health shows it.
 * `reason` is the receiver's own words, which hold nothing the sender sent.
 */
export const deliveryRefusalSchema = z.object({
  triggerId: z.string(),
  refusedAt: z.string(),
  reason: z.string(),
})
export type DeliveryRefusal = z.infer<typeof deliveryRefusalSchema>
