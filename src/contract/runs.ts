import * as z from 'zod/mini'

/**
 * The Execution Log: a run is one delivery going through an automation's action steps. Its
 * states use the documented product's words where they fit (Pending, Queued, Running, Success,
 * Partially Executed, Failed) and ours where they do not (Retrying, Filtered out, Cancelled);
 * the README defines each.
 */

export const runStateSchema = z.enum([
  'pending',
  'queued',
  'running',
  'retrying',
  'success',
  'partially_executed',
  'failed',
  'filtered_out',
  'cancelled',
])
export type RunState = z.infer<typeof runStateSchema>

/** States a run leaves only when someone retries it. */
export const ENDED_RUN_STATES = [
  'success',
  'partially_executed',
  'failed',
  'filtered_out',
  'cancelled',
] as const satisfies readonly RunState[]
/** States a run waits in; Cancel applies to these. */
export const WAITING_RUN_STATES = ['pending', 'queued', 'retrying'] as const satisfies readonly RunState[]

export function isEndedState(state: RunState): boolean {
  return (ENDED_RUN_STATES as readonly RunState[]).includes(state)
}

export const RUN_STATE_LABELS: Record<RunState, string> = {
  pending: 'Pending',
  queued: 'Queued',
  running: 'Running',
  retrying: 'Retrying',
  success: 'Success',
  partially_executed: 'Partially Executed',
  failed: 'Failed',
  filtered_out: 'Filtered out',
  cancelled: 'Cancelled',
}

/** Why a queued run waits. */
export const queueReasonSchema = z.enum([
  'destination_busy',
  'store_budget',
  'earlier_run_of_record',
  'destination_paused',
  'automation_inactive',
])
export type QueueReason = z.infer<typeof queueReasonSchema>

const isoTime = z.string()

/** What a step sent: secrets (secret headers, the signature) shown masked. */
export const attemptRequestSchema = z.object({
  method: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  /** Up to 64 KB of the body sent, or null. */
  body: z.nullable(z.string()),
})
export type AttemptRequest = z.infer<typeof attemptRequestSchema>

/** What came back: the status, headers and up to 64 KB of the body. */
export const attemptResponseSchema = z.object({
  status: z.number(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  /** True when the body was longer than what is kept. */
  truncated: z.boolean(),
})
export type AttemptResponse = z.infer<typeof attemptResponseSchema>

/**
 * One try of one step. `success` and `filtered` move the run on (or stop it, filtered);
 * `retryable` failures are tried again on the schedule; `failed` ones end the run at once.
 */
export const attemptOutcomeSchema = z.enum(['success', 'filtered', 'retryable', 'failed'])
export type AttemptOutcome = z.infer<typeof attemptOutcomeSchema>

export const runAttemptSchema = z.object({
  stepId: z.string(),
  /** 1 for the first try of the step in this run, counting manual retries on. */
  number: z.number(),
  startedAt: isoTime,
  durationMs: z.number(),
  outcome: attemptOutcomeSchema,
  /** What went wrong, or why the run was filtered out, in words; null on success. */
  message: z.nullable(z.string()),
  request: z.nullable(attemptRequestSchema),
  response: z.nullable(attemptResponseSchema),
})
export type RunAttempt = z.infer<typeof runAttemptSchema>

/** Who started a run: a delivery as it was stored, Run now, or a retry (by whom, once sign-in exists). */
export const runTriggerSchema = z.enum(['delivery', 'run_now'])

export const runSummarySchema = z.object({
  id: z.string(),
  automationId: z.string(),
  deliveryId: z.string(),
  /** The saved version it runs: a retry runs it too, whatever was saved since. */
  version: z.number(),
  state: runStateSchema,
  createdAt: isoTime,
  updatedAt: isoTime,
  /** When it ended (Success, Failed…), else null. */
  endedAt: z.nullable(isoTime),
  /** Retrying: when the next attempt is due; Queued: when it is looked at again. */
  nextAttemptAt: z.nullable(isoTime),
  queueReason: z.nullable(queueReasonSchema),
  /** How many steps the version has, and how many of them succeeded in this run. */
  steps: z.number(),
  stepsSucceeded: z.number(),
  attempts: z.number(),
  /** The last attempt's words: why it failed, or which condition filtered it out. */
  message: z.nullable(z.string()),
  /** The event and record, for the list: `store/product/created`, `product 125`. */
  event: z.string(),
  record: z.string(),
})
export type RunSummary = z.infer<typeof runSummarySchema>

export const runDetailSchema = z.object({
  ...runSummarySchema.shape,
  attemptsList: z.array(runAttemptSchema),
  /** Each step's output so far, by step id (what later steps and references read). */
  outputs: z.record(z.string(), z.unknown()),
})
export type RunDetail = z.infer<typeof runDetailSchema>

export const RUNS_PAGE_SIZE = 25

/** `GET …/runs`: newest first, filtered by state and time (`from` inclusive, `to` exclusive). */
export const runQuerySchema = z.object({
  state: z.optional(runStateSchema),
  from: z.optional(z.iso.datetime()),
  to: z.optional(z.iso.datetime()),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
})
export type RunQuery = z.infer<typeof runQuerySchema>

export const runPageSchema = z.object({ runs: z.array(runSummarySchema), nextCursor: z.nullable(z.string()) })
export type RunPage = z.infer<typeof runPageSchema>

/** Retry from the step that failed (what it had fetched before stays), or from the first step. */
export const retryFromSchema = z.enum(['failed_step', 'start'])
export type RetryFrom = z.infer<typeof retryFromSchema>

export const retryRunRequestSchema = z.object({ from: retryFromSchema })
export const retryFailedRequestSchema = z.object({
  from: retryFromSchema,
  /** The log's time filter, so "Retry all failed" retries what the user is looking at. */
  since: z.optional(z.iso.datetime()),
  until: z.optional(z.iso.datetime()),
})
export const retryFailedResponseSchema = z.object({ retried: z.number() })
export const runNowRequestSchema = z.object({
  deliveryIds: z.array(z.string().check(z.minLength(1))).check(z.minLength(1), z.maxLength(100)),
})
export const runNowResponseSchema = z.object({ runs: z.array(runSummarySchema) })
