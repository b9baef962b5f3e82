import * as z from 'zod/mini'
import { actionStepsSchema } from './action-steps'
import { actionStepDraftSchema } from './actions'
import { customHeaderSchema, customHeadersSchema } from './custom-headers'
import { eventScopeSchema } from './events'
import { id, isoTime } from './fields'

/** A trigger's configuration: the draft as typed, the complete configuration a save takes, and a saved version. */

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
  /** The action steps as configured so far (Configure Action Step); absent in drafts from before actions. */
  steps: z.optional(z.array(actionStepDraftSchema)),
})

export type TriggerDraft = z.infer<typeof triggerDraftSchema>

/**
 * What an incomplete draft lacks, in the same words whether the form says it before a request
 * or the backend says it after one.
 */
export const missingChoiceMessages = {
  accountId: 'Choose an account or add a new one.',
  event: 'Select an event.',
} as const

/**
 * A configuration that can be tested and saved: everything chosen, headers valid. The core
 * saves header names trimmed (the header rules ignore surrounding spaces too).
 */
export const triggerConfigSchema = z.object({
  connector: z.literal('bigcommerce'),
  trigger: z.literal('bigcommerce'),
  accountId: id,
  event: eventScopeSchema,
  headers: customHeadersSchema,
  /** Run in order for every event; absent in versions saved before actions, which run none. */
  steps: z.optional(actionStepsSchema),
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

/**
 * One saved version of a trigger, immutable once saved: every Save and Exit adds one, numbered
 * from 1. The newest is the one in effect (`TriggerState.saved`).
 */
export const savedTriggerSchema = z.object({
  version: z.number(),
  savedAt: isoTime,
  config: triggerConfigSchema,
  /** What was registered at BigCommerce as the version was saved. */
  webhook: webhookRegistrationSchema,
  /** The earlier version this one was restored from (then perhaps changed), or null. */
  restoredFrom: z.nullable(z.number()),
})

export type SavedTrigger = z.infer<typeof savedTriggerSchema>
