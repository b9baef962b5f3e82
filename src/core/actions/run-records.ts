import * as z from 'zod/mini'
import { queueReasonSchema, runAttemptSchema, runStateSchema, type QueueReason, type RunState } from '../../contract/runs'

/**
 * Runs as storage keeps them: one row a run, one a try of a step. The database is the queue:
 * a run's next attempt is a time in its row, claimed by a worker under a lease, never a timer.
 */

export const runOriginSchema = z.enum(['delivery', 'run_now'])

export const runRecordSchema = z.object({
  id: z.string(),
  automationId: z.string(),
  triggerId: z.string(),
  deliveryId: z.string(),
  /** The saved version whose steps it runs. */
  version: z.number(),
  state: runStateSchema,
  /** The step to run next (0-based); the step count once it has run them all. */
  stepIndex: z.number(),
  /** Failed tries of the step at `stepIndex` so far: where the retry schedule stands. */
  stepFailures: z.number(),
  /** Tries of any step, in all. */
  attempts: z.number(),
  stepsSucceeded: z.number(),
  /** When it is due (pending, queued, retrying); null once it ended or while it runs. */
  nextAttemptAt: z.nullable(z.string()),
  /** The worker that claimed it, and until when the claim holds unless renewed. */
  leaseHolder: z.nullable(z.string()),
  leaseExpiresAt: z.nullable(z.string()),
  queueReason: z.nullable(queueReasonSchema),
  /** The last attempt's words (an error, or the condition that filtered it out). */
  message: z.nullable(z.string()),
  /** Each step's output so far, by step id. */
  outputs: z.record(z.string(), z.unknown()),
  /** The event's record (`product 125`): a run of it waits behind its earlier ones when a step keeps order per record. */
  recordKey: z.string(),
  origin: runOriginSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  endedAt: z.nullable(z.string()),
})
export type RunRecord = z.infer<typeof runRecordSchema>

export const attemptRecordSchema = z.object({ ...runAttemptSchema.shape, id: z.string(), runId: z.string(), stepIndex: z.number() })
export type AttemptRecord = z.infer<typeof attemptRecordSchema>

/**
 * What an attempt changes in its run, written with the attempt in one transaction, and only
 * while the worker's claim holds (a worker whose lease lapsed has lost the run to another).
 */
export type RunUpdate = Pick<
  RunRecord,
  'state' | 'stepIndex' | 'stepFailures' | 'stepsSucceeded' | 'nextAttemptAt' | 'queueReason' | 'message' | 'outputs' | 'endedAt'
>

/** A run put back to wait without an attempt: a busy destination, the store's budget spent, an earlier run of its record. */
export type RunRelease = { state: Extract<RunState, 'queued'>; queueReason: QueueReason; nextAttemptAt: string }

/** A destination (an HTTP Request step of an automation) that kept failing: its runs wait until Resume. */
export const pausedStepSchema = z.object({
  automationId: z.string(),
  stepId: z.string(),
  consecutiveFailures: z.number(),
  pausedAt: z.nullable(z.string()),
})
export type StepHealth = z.infer<typeof pausedStepSchema>

/** A store's BigCommerce budget, shared by every automation and instance (X-Rate-Limit-* headers). */
export const storeBudgetSchema = z.object({
  storeHash: z.string(),
  /** Requests left in the window, when BigCommerce last said. */
  remaining: z.nullable(z.number()),
  /** No call to the store before this time (a 429, or the window spent). */
  pausedUntil: z.nullable(z.string()),
  updatedAt: z.string(),
})
export type StoreBudget = z.infer<typeof storeBudgetSchema>
