import * as z from 'zod/mini'
import { callbackSchema, eventScopeSchema } from './events'
import { customHeaderSchema, customHeadersSchema } from './custom-headers'

/**
 * The REST contract between the UI and any backend. Paths are in `routes.ts`.
 * Requests are validated by the backend; every response is parsed by `httpBackend`.
 */

const id = z.string().check(z.minLength(1))
const isoTime = z.string()

// ── Accounts ────────────────────────────────────────────────────────────────

/** An authorized store. The access token never leaves the backend: only a mask does. */
export const accountSchema = z.object({
  id,
  connector: z.literal('bigcommerce'),
  storeHash: z.string(),
  storeName: z.string(),
  /** e.g. `••••••••k2f9`: the last four characters, so a user can tell tokens apart. */
  tokenMask: z.string(),
  createdAt: isoTime,
})
export type Account = z.infer<typeof accountSchema>

export const listAccountsResponseSchema = z.object({ accounts: z.array(accountSchema) })

/** Raw input as typed; the backend normalises the hash and reports problems at `storeHash` / `accessToken`. */
export const authorizeAccountRequestSchema = z.object({
  connector: z.literal('bigcommerce'),
  storeHash: z.string(),
  accessToken: z.string(),
})
export type AuthorizeAccountRequest = z.infer<typeof authorizeAccountRequestSchema>

// ── Trigger configuration ──────────────────────────────────────────────────

/** Where the user is in the flow; kept in the draft so a reload returns to the same place. */
export const wizardStageSchema = z.enum(['connector', 'chooseTrigger', 'configureTrigger', 'test'])
export type WizardStage = z.infer<typeof wizardStageSchema>

/** A draft may be incomplete at any point; `null` means not chosen yet. */
export const triggerDraftSchema = z.object({
  stage: wizardStageSchema,
  connector: z.nullable(z.literal('bigcommerce')),
  trigger: z.nullable(z.literal('bigcommerce')),
  accountId: z.nullable(id),
  event: z.nullable(eventScopeSchema),
  headers: z.array(customHeaderSchema),
})
export type TriggerDraft = z.infer<typeof triggerDraftSchema>

/** A configuration that can be tested and saved: everything chosen, headers valid. */
export const triggerConfigSchema = z.object({
  connector: z.literal('bigcommerce'),
  trigger: z.literal('bigcommerce'),
  accountId: id,
  event: eventScopeSchema,
  headers: customHeadersSchema,
})
export type TriggerConfig = z.infer<typeof triggerConfigSchema>

/** What BigCommerce holds for a saved trigger, as far as the backend knows. */
export const webhookRegistrationSchema = z.object({
  status: z.enum(['registered', 'not_registered']),
  /** The BigCommerce hook id, when registered. */
  hookId: z.nullable(z.number()),
  destination: z.nullable(z.string()),
  /** Why it is not registered, in words, e.g. "Set PUBLIC_URL …". */
  detail: z.nullable(z.string()),
})
export type WebhookRegistration = z.infer<typeof webhookRegistrationSchema>

export const savedTriggerSchema = z.object({
  version: z.number(),
  savedAt: isoTime,
  config: triggerConfigSchema,
  webhook: webhookRegistrationSchema,
})
export type SavedTrigger = z.infer<typeof savedTriggerSchema>

export const triggerStateSchema = z.object({
  /** Stable id of the trigger; the webhook destination ends with it. */
  id,
  draft: triggerDraftSchema,
  saved: z.nullable(savedTriggerSchema),
  /** True when the draft's connector, trigger, account, event or headers differ from `saved`. */
  differsFromSaved: z.boolean(),
})
export type TriggerState = z.infer<typeof triggerStateSchema>

// ── Automations ────────────────────────────────────────────────────────────

export const automationSchema = z.object({
  id,
  name: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
  trigger: triggerStateSchema,
})
export type Automation = z.infer<typeof automationSchema>

export const listAutomationsResponseSchema = z.object({ automations: z.array(automationSchema) })

export const createAutomationRequestSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1, 'Enter a name.'), z.maxLength(100, 'Keep the name under 100 characters.')),
})
export type CreateAutomationRequest = z.infer<typeof createAutomationRequestSchema>

export const updateDraftRequestSchema = z.object({ draft: triggerDraftSchema })

// ── Test Trigger ───────────────────────────────────────────────────────────

/**
 * Where a test's payload came from, most trustworthy first:
 * a delivery BigCommerce really sent, the store's newest matching record wrapped in the
 * documented envelope, or the documented sample.
 */
export const testSourceSchema = z.enum(['delivered', 'live', 'sample'])
export type TestSource = z.infer<typeof testSourceSchema>

export const triggerTestSchema = z.object({
  source: testSourceSchema,
  testedAt: isoTime,
  event: eventScopeSchema,
  payload: callbackSchema,
})
export type TriggerTest = z.infer<typeof triggerTestSchema>

// ── Settings ───────────────────────────────────────────────────────────────

export const backendInfoSchema = z.object({
  /** The https base BigCommerce posts deliveries to, or null when none is set. */
  publicUrl: z.nullable(z.string()),
  /** Words for the UI when webhooks cannot be registered, e.g. what to set. */
  webhookHelp: z.nullable(z.string()),
})
export type BackendInfo = z.infer<typeof backendInfoSchema>
