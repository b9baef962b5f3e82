import * as z from 'zod/mini'
import { isEndedState, RUN_STATE_LABELS, WAITING_RUN_STATES, type RunState } from '../../contract/runs'
import { decodeCursor, encodeCursor } from '../delivery-cursor'
import type { AutomationRecord, DeliveryRecord } from '../record-schemas'
import {
  attemptRecordSchema,
  pausedStepSchema,
  runRecordSchema,
  storeBudgetSchema,
  type AttemptRecord,
  type RunRecord,
  type StepHealth,
  type StoreBudget,
} from './run-records'
import type { ActionSecretRecord, RunStorage, SigningKeyRecord, StepTestRecord } from './run-storage'

/**
 * The run storage of the in-memory `Storage` (the browser demo, tests), with the same answers as
 * SQLite's and PostgreSQL's: the shared contract suite runs against all three.
 */

const secretSchema = z.object({ id: z.string(), automationId: z.string(), value: z.string(), createdAt: z.string() })
const signingKeySchema = z.object({
  id: z.string(),
  automationId: z.string(),
  stepId: z.string(),
  secret: z.string(),
  createdAt: z.string(),
  retiredAt: z.nullable(z.string()),
})
const stepTestSchema = z.object({ automationId: z.string(), stepId: z.string(), testedAt: z.string(), result: z.unknown() })

/** The part of the memory snapshot runs keep (persisted with the rest in the demo's localStorage). */
export const memoryRunStateSchema = z.object({
  runs: z.array(runRecordSchema),
  attempts: z.array(attemptRecordSchema),
  stepHealth: z.array(pausedStepSchema),
  budgets: z.array(storeBudgetSchema),
  secrets: z.array(secretSchema),
  signingKeys: z.array(signingKeySchema),
  stepTests: z.array(stepTestSchema),
})
export type MemoryRunState = z.infer<typeof memoryRunStateSchema>

export function emptyRunState(): MemoryRunState {
  return { runs: [], attempts: [], stepHealth: [], budgets: [], secrets: [], signingKeys: [], stepTests: [] }
}

/** `product 125`: the record a delivery is about, which keeps-order steps order runs by. */
export function recordKeyOf(delivery: Pick<DeliveryRecord, 'payload'>): string {
  return `${delivery.payload.data.type} ${String(delivery.payload.data.id)}`
}

/** A run of `delivery` through `version`, pending from `at`: a new delivery's, or one Run now starts. */
export function pendingRun(input: {
  id: string
  automationId: string
  delivery: Pick<DeliveryRecord, 'id' | 'triggerId' | 'payload'>
  version: number
  at: string
  origin: RunRecord['origin']
}): RunRecord {
  return {
    id: input.id,
    automationId: input.automationId,
    triggerId: input.delivery.triggerId,
    deliveryId: input.delivery.id,
    version: input.version,
    state: 'pending',
    stepIndex: 0,
    stepFailures: 0,
    attempts: 0,
    stepsSucceeded: 0,
    nextAttemptAt: input.at,
    leaseHolder: null,
    leaseExpiresAt: null,
    queueReason: null,
    message: null,
    outputs: {},
    recordKey: recordKeyOf(input.delivery),
    origin: input.origin,
    createdAt: input.at,
    updatedAt: input.at,
    endedAt: null,
  }
}

/** The run a newly stored delivery starts, when its automation is active and its saved version has steps. */
export function runForDelivery(automation: AutomationRecord, delivery: DeliveryRecord, id: string): RunRecord | null {
  const saved = automation.trigger.saved
  if (!automation.active || !saved || (saved.config.steps ?? []).length === 0) return null
  return pendingRun({ id, automationId: automation.id, delivery, version: saved.version, at: delivery.receivedAt, origin: 'delivery' })
}

const runCursorSchema = z.tuple([z.string(), z.string()])
const WAITING = new Set<RunState>(WAITING_RUN_STATES)

export function createMemoryRuns(
  state: MemoryRunState,
  { isActive, save }: { isActive: (automationId: string) => boolean; save: () => void },
): RunStorage {
  const copy = <T>(value: T): T => structuredClone(value)
  const find = (runId: string) => state.runs.find((run) => run.id === runId)
  const holds = (run: RunRecord | undefined, holder: string, now: string): run is RunRecord =>
    run !== undefined && run.state === 'running' && run.leaseHolder === holder && (run.leaseExpiresAt ?? '') > now
  const newestFirst = (a: RunRecord, b: RunRecord) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1

  return {
    async insertRuns(runs) {
      for (const run of runs) state.runs.push(runRecordSchema.parse(run))
      save()
    },
    async claimRun(holder, now, leaseExpiresAt) {
      const due = state.runs
        .filter(
          (run) =>
            (WAITING.has(run.state) && (run.nextAttemptAt ?? '') <= now && isActive(run.automationId)) ||
            (run.state === 'running' && (run.leaseExpiresAt ?? '') <= now),
        )
        .sort((a, b) => ((a.nextAttemptAt ?? a.leaseExpiresAt ?? '') < (b.nextAttemptAt ?? b.leaseExpiresAt ?? '') ? -1 : 1))
      const [run] = due
      if (!run) return undefined
      Object.assign(run, { state: 'running', leaseHolder: holder, leaseExpiresAt, nextAttemptAt: null, queueReason: null, updatedAt: now })
      save()
      return copy(run)
    },
    async renewRunLease(runId, holder, now, leaseExpiresAt) {
      const run = find(runId)
      if (!holds(run, holder, now)) return false
      run.leaseExpiresAt = leaseExpiresAt
      return true
    },
    async recordAttempt({ runId, holder, now, attempt, update, keepClaim, pauseAfter }) {
      const run = find(runId)
      if (!holds(run, holder, now)) return false
      Object.assign(run, update, {
        attempts: run.attempts + 1,
        updatedAt: now,
        leaseHolder: keepClaim ? holder : null,
        leaseExpiresAt: keepClaim ? run.leaseExpiresAt : null,
      })
      state.attempts.push(attemptRecordSchema.parse(attempt))
      let health = state.stepHealth.find((candidate) => candidate.automationId === run.automationId && candidate.stepId === attempt.stepId)
      if (!health) {
        health = { automationId: run.automationId, stepId: attempt.stepId, consecutiveFailures: 0, pausedAt: null }
        state.stepHealth.push(health)
      }
      if (attempt.outcome === 'success') health.consecutiveFailures = 0
      else if (attempt.outcome === 'retryable' || attempt.outcome === 'failed') {
        health.consecutiveFailures += 1
        if (health.consecutiveFailures >= pauseAfter && health.pausedAt === null) health.pausedAt = now
      }
      save()
      return true
    },
    async releaseRun(runId, holder, now, release) {
      const run = find(runId)
      if (!holds(run, holder, now)) return false
      Object.assign(run, release, { leaseHolder: null, leaseExpiresAt: null, updatedAt: now })
      save()
      return true
    },
    async getRun(automationId, runId) {
      const run = find(runId)
      return run && run.automationId === automationId ? copy(run) : undefined
    },
    async listRunAttempts(runId) {
      return copy(state.attempts.filter((attempt) => attempt.runId === runId))
    },
    async listRunPage(automationId, query) {
      let runs = state.runs
        .filter(
          (run) =>
            run.automationId === automationId &&
            (query.state === undefined || run.state === query.state) &&
            (query.from === undefined || run.createdAt >= query.from) &&
            (query.to === undefined || run.createdAt < query.to),
        )
        .sort(newestFirst)
      if (query.cursor !== undefined) {
        const [createdAt, id] = decodeCursor(query.cursor, runCursorSchema)
        runs = runs.filter((run) => run.createdAt < createdAt || (run.createdAt === createdAt && run.id < id))
      }
      const page = runs.slice(0, query.limit)
      const last = page.at(-1)
      return { runs: copy(page), nextCursor: runs.length > query.limit && last ? encodeCursor([last.createdAt, last.id]) : null }
    },
    async listRunsOfDelivery(automationId, deliveryId) {
      return copy(state.runs.filter((run) => run.automationId === automationId && run.deliveryId === deliveryId).sort(newestFirst))
    },
    async hasEarlierOpenRun(run) {
      return state.runs.some(
        (other) =>
          other.automationId === run.automationId &&
          other.recordKey === run.recordKey &&
          other.id !== run.id &&
          (other.createdAt < run.createdAt || (other.createdAt === run.createdAt && other.id < run.id)) &&
          !isEndedState(other.state),
      )
    },
    async retryRun({ automationId, runId, from, now }) {
      const run = find(runId)
      if (!run || run.automationId !== automationId || !isEndedState(run.state)) return undefined
      Object.assign(run, retried(run, from, now))
      save()
      return copy(run)
    },
    async retryFailedRuns({ automationId, from, since, until, now }) {
      const failed = state.runs.filter(
        (run) =>
          run.automationId === automationId &&
          (run.state === 'failed' || run.state === 'partially_executed') &&
          (since === undefined || run.createdAt >= since) &&
          (until === undefined || run.createdAt < until),
      )
      for (const run of failed) Object.assign(run, retried(run, from, now))
      if (failed.length > 0) save()
      return failed.length
    },
    async cancelRun({ automationId, runId, now }) {
      const run = find(runId)
      if (!run || run.automationId !== automationId || !WAITING.has(run.state)) return undefined
      Object.assign(run, {
        state: 'cancelled',
        nextAttemptAt: null,
        queueReason: null,
        endedAt: now,
        updatedAt: now,
        message: `Cancelled while ${RUN_STATE_LABELS[run.state]}.`,
      })
      save()
      return copy(run)
    },
    async resumeStep({ automationId, stepId, now }) {
      const health = state.stepHealth.find((candidate) => candidate.automationId === automationId && candidate.stepId === stepId)
      if (health) Object.assign(health, { consecutiveFailures: 0, pausedAt: null })
      for (const run of state.runs) {
        if (run.automationId === automationId && run.queueReason === 'destination_paused') Object.assign(run, { nextAttemptAt: now })
      }
      save()
    },
    async listStepHealth(automationId) {
      return copy(state.stepHealth.filter((health: StepHealth) => health.automationId === automationId))
    },
    async getStoreBudget(storeHash) {
      const budget = state.budgets.find((candidate) => candidate.storeHash === storeHash)
      return budget && copy(budget)
    },
    async putStoreBudget(budget: StoreBudget) {
      state.budgets = [...state.budgets.filter((candidate) => candidate.storeHash !== budget.storeHash), copy(budget)]
      save()
    },
    async putActionSecret(secret: ActionSecretRecord) {
      state.secrets = [...state.secrets.filter((candidate) => candidate.id !== secret.id), copy(secret)]
      save()
    },
    async getActionSecret(id) {
      const secret = state.secrets.find((candidate) => candidate.id === id)
      return secret && copy(secret)
    },
    async addSigningKey(key: SigningKeyRecord) {
      for (const older of state.signingKeys) {
        if (older.automationId === key.automationId && older.stepId === key.stepId && older.retiredAt === null)
          older.retiredAt = key.createdAt
      }
      state.signingKeys.push(copy(key))
      save()
    },
    async listSigningKeys(automationId, stepId) {
      return copy(state.signingKeys.filter((key) => key.automationId === automationId && key.stepId === stepId).reverse())
    },
    async putStepTest(test: StepTestRecord) {
      state.stepTests = [
        ...state.stepTests.filter((candidate) => candidate.automationId !== test.automationId || candidate.stepId !== test.stepId),
        copy(test),
      ]
      save()
    },
    async getStepTest(automationId, stepId) {
      const test = state.stepTests.find((candidate) => candidate.automationId === automationId && candidate.stepId === stepId)
      return test && copy(test)
    },
    async runGauges(_now) {
      const byState = Object.fromEntries(Object.keys(RUN_STATE_LABELS).map((key) => [key, 0])) as Record<RunState, number>
      let oldest: string | null = null
      for (const run of state.runs) {
        byState[run.state] += 1
        if (WAITING.has(run.state) && run.nextAttemptAt !== null && (oldest === null || run.createdAt < oldest)) oldest = run.createdAt
      }
      return { byState, oldestWaitingSince: oldest }
    },
  }
}

/** A retried run: pending now, from its failed step (keeping what earlier steps fetched) or from the start. */
export function retried(run: RunRecord, from: 'failed_step' | 'start', now: string): Partial<RunRecord> {
  const fromStart = from === 'start'
  return {
    state: 'pending',
    stepIndex: fromStart ? 0 : run.stepIndex,
    stepsSucceeded: fromStart ? 0 : run.stepsSucceeded,
    outputs: fromStart ? {} : run.outputs,
    stepFailures: 0,
    nextAttemptAt: now,
    queueReason: null,
    endedAt: null,
    updatedAt: now,
    message: null,
  }
}

export type { AttemptRecord }
