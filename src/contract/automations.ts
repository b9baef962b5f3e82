import * as z from 'zod/mini'
import { displayName, id, isoTime } from './fields'
import { savedTriggerSchema, triggerDraftSchema } from './trigger-config'
import { triggerHealthSchema } from './trigger-health'

/** Automations: the list, one automation with its trigger, and the settings the UI shows. */

export const triggerStateSchema = z.object({
  /** Stable id of the trigger; the webhook destination ends with it. */
  id,
  draft: triggerDraftSchema,
  saved: z.nullable(savedTriggerSchema),
  /** True when the draft's connector, trigger, account, event or headers differ from `saved`. */
  differsFromSaved: z.boolean(),
  /**
   * The version the draft was restored from, until it is saved or reverted; the next save
   * records it. Optional because older backends do not send it.
   */
  draftRestoredFrom: z.optional(z.nullable(z.number())),
  /**
   * The saved trigger's health as last checked, without asking BigCommerce again; null before
   * a save. Absent from a draft write's answer, which changes no health (and from older backends).
   */
  health: z.optional(z.nullable(triggerHealthSchema)),
})

export const automationSchema = z.object({
  id,
  name: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** Activate Automation: its action steps run only while true. Optional because older backends do not send it. */
  active: z.optional(z.boolean()),
  trigger: triggerStateSchema,
})

export type Automation = z.infer<typeof automationSchema>

export const listAutomationsResponseSchema = z.object({ automations: z.array(automationSchema) })

export const createAutomationRequestSchema = z.object({
  name: displayName,
})

export type CreateAutomationRequest = z.infer<typeof createAutomationRequestSchema>

export const updateDraftRequestSchema = z.object({ draft: triggerDraftSchema })

export const backendInfoSchema = z.object({
  /** The https base BigCommerce posts deliveries to, or null when none is set. */
  publicUrl: z.nullable(z.string()),
  /** Words for the UI when webhooks cannot be registered, e.g. what to set. */
  webhookHelp: z.nullable(z.string()),
})

export type BackendInfo = z.infer<typeof backendInfoSchema>
