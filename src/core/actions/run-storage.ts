import type { RetryFrom, RunQuery, RunState } from '../../contract/runs'
import type { AttemptRecord, RunRecord, RunRelease, RunUpdate, StepHealth, StoreBudget } from './run-records'

/**
 * What the action runtime needs from storage, part of the `Storage` port. Runs are created by
 * `insertDelivery` itself, in the delivery's transaction, for a newly stored delivery of an
 * active automation whose saved version has steps (a duplicate creates none); every other
 * write is here. Each method is one transaction.
 */

export type RunPageQuery = RunQuery & { limit: number }

/** A secret a step uses (a secret header's value, a signing secret): kept sealed, as tokens are. */
export type ActionSecretRecord = { id: string; automationId: string; value: string; createdAt: string }

/** A step's signing secret; a rotated-out one signs beside the new one until `retiredAt` plus a day. */
export type SigningKeyRecord = {
  id: string
  automationId: string
  stepId: string
  secret: string
  createdAt: string
  retiredAt: string | null
}

/** The last Test Action of a step: what it sent and got, shown again after a reload. */
export type StepTestRecord = { automationId: string; stepId: string; testedAt: string; result: unknown }

export interface RunStorage {
  /** Run now: runs for deliveries already stored, pending from `createdAt`. */
  insertRuns(runs: readonly RunRecord[]): Promise<void>
  /**
   * Claims the run due first, for `holder` until `leaseExpiresAt`: a waiting one (pending,
   * queued, retrying) whose `nextAttemptAt` has come, of an active automation, or a running one
   * whose lease lapsed at `now` (its worker died). Two workers, on any instances, never claim
   * the same run. Undefined when nothing is due.
   */
  claimRun(holder: string, now: string, leaseExpiresAt: string): Promise<RunRecord | undefined>
  /** Extends the claim while a step is in flight; false when it has lapsed and another took the run. */
  renewRunLease(runId: string, holder: string, now: string, leaseExpiresAt: string): Promise<boolean>
  /**
   * Writes the attempt and what it changes in the run, together, only while `holder`'s claim
   * holds at `now` (false, nothing written, otherwise). `keepClaim` keeps the lease for the next
   * step; otherwise it is released. Counts the step's consecutive failures (`StepHealth`),
   * pausing it at `pauseAfter` failures in a row; a success clears them.
   */
  recordAttempt(input: {
    runId: string
    holder: string
    now: string
    attempt: AttemptRecord
    update: RunUpdate
    keepClaim: boolean
    pauseAfter: number
  }): Promise<boolean>
  /** Puts a claimed run back to wait, without an attempt; false when the claim was lost. */
  releaseRun(runId: string, holder: string, now: string, release: RunRelease): Promise<boolean>

  getRun(automationId: string, runId: string): Promise<RunRecord | undefined>
  /** Oldest first. */
  listRunAttempts(runId: string): Promise<AttemptRecord[]>
  /** Newest first; `nextCursor` is this storage's own, opaque to everyone else. */
  listRunPage(automationId: string, query: RunPageQuery): Promise<{ runs: RunRecord[]; nextCursor: string | null }>
  /** The run of a delivery, newest first, for the delivery log's link. */
  listRunsOfDelivery(automationId: string, deliveryId: string): Promise<RunRecord[]>
  /**
   * Whether a run of the same automation and record, created before this one, has not ended:
   * a step that keeps order per record waits behind it.
   */
  hasEarlierOpenRun(run: Pick<RunRecord, 'id' | 'automationId' | 'recordKey' | 'createdAt'>): Promise<boolean>

  /** Retry: an ended run back to pending (from `from`), unless it is not in `states` any more. */
  retryRun(input: { automationId: string; runId: string; from: RetryFrom; now: string }): Promise<RunRecord | undefined>
  /** Retry all failed: every Failed and Partially Executed run of the automation created in the range; answers how many. */
  retryFailedRuns(input: {
    automationId: string
    from: RetryFrom
    since?: string | undefined
    until?: string | undefined
    now: string
  }): Promise<number>
  /** Cancel: a waiting run ends Cancelled; undefined when it is not waiting (a worker has it, or it ended). */
  cancelRun(input: { automationId: string; runId: string; now: string }): Promise<RunRecord | undefined>
  /** Resume: the step's failures are forgotten and its waiting runs are due now. */
  resumeStep(input: { automationId: string; stepId: string; now: string }): Promise<void>
  listStepHealth(automationId: string): Promise<StepHealth[]>

  getStoreBudget(storeHash: string): Promise<StoreBudget | undefined>
  putStoreBudget(budget: StoreBudget): Promise<void>

  putActionSecret(secret: ActionSecretRecord): Promise<void>
  getActionSecret(id: string): Promise<ActionSecretRecord | undefined>
  /** Adds `key` as the step's newest signing key, retiring the one before at `key.createdAt`. */
  addSigningKey(key: SigningKeyRecord): Promise<void>
  /** Newest first. */
  listSigningKeys(automationId: string, stepId: string): Promise<SigningKeyRecord[]>
  putStepTest(test: StepTestRecord): Promise<void>
  getStepTest(automationId: string, stepId: string): Promise<StepTestRecord | undefined>

  /** For /metrics and the health of the runtime: runs by state, and the due time of the oldest waiting one. */
  runGauges(now: string): Promise<{ byState: Record<RunState, number>; oldestWaitingSince: string | null }>
}
