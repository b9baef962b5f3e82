import * as z from 'zod/mini'
import { callbackSchema } from './events'
import { attemptOutcomeSchema, attemptRequestSchema, attemptResponseSchema } from './runs'

/** Requests and answers of Configure Action Step's endpoints (paths in `routes.ts`). */

/**
 * Test Action: runs one step of the draft on the Test Trigger output, with what earlier steps'
 * last tests gave (so references to them resolve as they would in a run).
 */
export const testActionRequestSchema = z.object({ stepId: z.string().check(z.minLength(1)), payload: callbackSchema })

export const testActionResultSchema = z.object({
  stepId: z.string(),
  testedAt: z.string(),
  outcome: attemptOutcomeSchema,
  /** What went wrong, or which condition stopped it; null on success. */
  message: z.nullable(z.string()),
  request: z.nullable(attemptRequestSchema),
  response: z.nullable(attemptResponseSchema),
  /** What later steps would read as `steps.<id>`: null unless it succeeded. */
  output: z.unknown(),
})
export type TestActionResult = z.infer<typeof testActionResultSchema>

/** A signing secret, shown once: when it is created, and at every rotation. */
export const signingSecretSchema = z.object({
  stepId: z.string(),
  secret: z.string(),
  createdAt: z.string(),
  /** Until when the secret it replaced keeps signing beside it; null when it replaced none. */
  previousSignsUntil: z.nullable(z.string()),
})
export type SigningSecret = z.infer<typeof signingSecretSchema>

/** What the server knows of each step beside its configuration; never a secret. */
export const actionStepStateSchema = z.object({
  stepId: z.string(),
  signingSecretCreatedAt: z.nullable(z.string()),
  previousSignsUntil: z.nullable(z.string()),
  consecutiveFailures: z.number(),
  /** Set when the step failed too many runs in a row: its runs wait until Resume or a successful Test Action. */
  pausedAt: z.nullable(z.string()),
  lastTest: z.nullable(testActionResultSchema),
})
export type ActionStepState = z.infer<typeof actionStepStateSchema>

export const actionStepStatesSchema = z.object({ steps: z.array(actionStepStateSchema) })

export const setActiveRequestSchema = z.object({ active: z.boolean() })
