import type { ActionStep } from '../../contract/actions'
import type { RunState } from '../../contract/runs'
import type { ReferenceContext } from '../../contract/references'
import type { StorePlatform } from '../ports'
import type { OutboundHttp } from './outbound'
import { nextRetryDelay } from './retry-schedule'
import type { AttemptRecord, RunRecord, RunUpdate } from './run-records'
import type { RunEngineStorage } from './run-engine-storage'
import { messageIdOf } from './step-signature'
import { createStepRunner } from './step-runner'
import { failedBeforeSending, type StepResult } from './step-result'

export type { RunEngineStorage } from './run-engine-storage'

/**
 * The worker: claims due runs from storage and takes each through its version's steps. Every
 * instance runs one; the claim (a lease, renewed while a step is in flight) keeps two from
 * running the same run, and a lease that lapses (its worker died) lets another take it over.
 * What each try did is written with the run's new state in one transaction, only while the
 * claim holds. Nothing waits in memory: a retry's time is a column, polled, so 100,000 waiting
 * runs cost the database rows, not the server memory.
 */

export type RunEngineConfig = {
  /** Waits between tries of a failing step (`parseRetrySchedule`). */
  retrySchedule: readonly number[]
  /** Runs in flight at once on this server. */
  concurrency: number
  leaseMs: number
  /** How often a claim is renewed while a step is in flight (well under `leaseMs`). */
  renewMs: number
  /** How often storage is asked for due runs when nothing has woken the worker. */
  pollMs: number
  /** A step that failed this many runs in a row is paused until Resume. */
  pauseAfterFailures: number
  /** Per try of an HTTP Request step. */
  httpTimeoutMs: number
}

export const DEFAULT_RUN_ENGINE_CONFIG: Omit<RunEngineConfig, 'retrySchedule'> = {
  concurrency: 16,
  leaseMs: 10_000,
  renewMs: 3_000,
  pollMs: 1_000,
  pauseAfterFailures: 20,
  httpTimeoutMs: 15_000,
}

/** How long a queued run waits before it is looked at again. */
const QUEUED_RECHECK_MS = { destination_busy: 250, earlier_run_of_record: 1_000, destination_paused: 60_000 } as const

export type RunEngineParts = {
  storage: RunEngineStorage
  platform: StorePlatform
  outbound: OutboundHttp
  config: RunEngineConfig
  now: () => Date
  randomId: () => string
  /** Who holds claims: unique per engine (a process may run several in tests). */
  holder: string
  /** Told of what cannot be blamed on a run (storage failing under the worker), for the log. */
  onError?: (error: unknown) => void
  random?: () => number
}

export function createRunEngine(parts: RunEngineParts) {
  const { storage, platform, outbound, config, now, holder } = parts
  const stepRunner = createStepRunner({ storage, platform, outbound, now, httpTimeoutMs: config.httpTimeoutMs })
  const { budget } = stepRunner
  const inFlightPerStep = new Map<string, number>()
  const running = new Set<Promise<void>>()
  let stopped = true
  let wakeUp: (() => void) | null = null
  let loop: Promise<void> | null = null

  const iso = (offsetMs = 0) => new Date(now().getTime() + offsetMs).toISOString()
  const stepKey = (run: RunRecord, step: ActionStep) => `${run.automationId} ${step.id}`

  /** What waits for a claimed run before its step may start, if anything: it goes back to the queue. */
  async function gate(run: RunRecord, step: ActionStep, steps: readonly ActionStep[]): Promise<boolean> {
    const release = async (
      queueReason: 'destination_busy' | 'store_budget' | 'earlier_run_of_record' | 'destination_paused',
      at: string,
    ) => {
      await storage.releaseRun(run.id, holder, iso(), { state: 'queued', queueReason, nextAttemptAt: at })
      return true
    }
    if (
      steps.some((candidate) => 'keepOrderPerRecord' in candidate && candidate.keepOrderPerRecord) &&
      (await storage.hasEarlierOpenRun(run))
    ) {
      return release('earlier_run_of_record', iso(QUEUED_RECHECK_MS.earlier_run_of_record))
    }
    if (step.connector === 'http') {
      const health = (await storage.listStepHealth(run.automationId)).find((candidate) => candidate.stepId === step.id)
      if (health?.pausedAt) return release('destination_paused', iso(QUEUED_RECHECK_MS.destination_paused))
      if ((inFlightPerStep.get(stepKey(run, step)) ?? 0) >= step.maxInFlight)
        return release('destination_busy', iso(QUEUED_RECHECK_MS.destination_busy))
    }
    if (step.connector === 'bigcommerce') {
      const account = await storage.getAccount(step.accountId)
      const until = account ? await budget.pausedUntil(account.storeHash) : null
      if (until) return release('store_budget', until)
    }
    return false
  }

  async function execute(run: RunRecord, step: ActionStep, context: ReferenceContext): Promise<StepResult> {
    const input = { automationId: run.automationId, messageId: messageIdOf(run.id, step.id), step, context }
    if (step.connector !== 'http') return stepRunner.run(input)
    const key = stepKey(run, step)
    inFlightPerStep.set(key, (inFlightPerStep.get(key) ?? 0) + 1)
    try {
      return await stepRunner.run(input)
    } finally {
      inFlightPerStep.set(key, (inFlightPerStep.get(key) ?? 1) - 1)
    }
  }

  /** Renews the claim every `renewMs` while `step` runs. */
  async function holdingClaim<T>(run: RunRecord, step: () => Promise<T>): Promise<T> {
    const timer = setInterval(() => {
      storage.renewRunLease(run.id, holder, iso(), iso(config.leaseMs)).catch((error: unknown) => parts.onError?.(error))
    }, config.renewMs)
    try {
      return await step()
    } finally {
      clearInterval(timer)
    }
  }

  /** What a try changes in the run, and whether it goes on to its next step. */
  function nextState(run: RunRecord, steps: readonly ActionStep[], result: StepResult): { update: RunUpdate; goOn: boolean } {
    const base = { ...run, message: result.message, queueReason: null }
    const ended = (state: RunState): RunUpdate => ({ ...base, state, nextAttemptAt: null, endedAt: iso() })
    const step = steps[run.stepIndex]
    switch (result.outcome) {
      case 'success': {
        const outputs = step ? { ...run.outputs, [step.id]: result.output } : run.outputs
        const stepIndex = run.stepIndex + 1
        const moved = { ...base, outputs, stepIndex, stepFailures: 0, stepsSucceeded: run.stepsSucceeded + 1 }
        if (stepIndex >= steps.length) return { update: { ...moved, state: 'success', nextAttemptAt: null, endedAt: iso() }, goOn: false }
        return { update: { ...moved, state: 'running', nextAttemptAt: null, endedAt: null }, goOn: true }
      }
      case 'filtered':
        return { update: ended('filtered_out'), goOn: false }
      case 'retryable': {
        const failures = run.stepFailures + 1
        const delay = nextRetryDelay(config.retrySchedule, failures, { retryAfterMs: result.retryAfterMs, random: parts.random })
        if (delay !== null) {
          return { update: { ...base, stepFailures: failures, state: 'retrying', nextAttemptAt: iso(delay), endedAt: null }, goOn: false }
        }
        return { update: { ...ended(run.stepsSucceeded > 0 ? 'partially_executed' : 'failed'), stepFailures: failures }, goOn: false }
      }
      case 'failed':
        return {
          update: { ...ended(run.stepsSucceeded > 0 ? 'partially_executed' : 'failed'), stepFailures: run.stepFailures + 1 },
          goOn: false,
        }
    }
  }

  /** Takes one claimed run as far as it goes now. */
  async function process(claimed: RunRecord): Promise<void> {
    let run = claimed
    const automation = await storage.getAutomation(run.automationId)
    const version = automation ? await storage.getTriggerVersion(run.triggerId, run.version) : undefined
    const delivery = await storage.getDelivery(run.triggerId, run.deliveryId)
    const versionSteps = version?.config.steps ?? []
    for (;;) {
      const step = versionSteps[run.stepIndex]
      const startedAt = now()
      let result: StepResult
      if (!delivery || !step) {
        result = failedBeforeSending(
          !delivery
            ? 'Its delivery is no longer kept (retention), so there is nothing to run.'
            : `Version ${run.version} has no step ${run.stepIndex + 1}.`,
        )
      } else {
        if (await gate(run, step, versionSteps)) return
        result = await holdingClaim(run, () => execute(run, step, { trigger: delivery.payload, steps: run.outputs }))
      }
      const { update, goOn } = nextState(run, versionSteps, result)
      const attempt: AttemptRecord = {
        id: parts.randomId(),
        runId: run.id,
        stepId: step?.id ?? '',
        stepIndex: run.stepIndex,
        number: run.stepFailures + 1,
        startedAt: startedAt.toISOString(),
        durationMs: Math.max(0, now().getTime() - startedAt.getTime()),
        outcome: result.outcome,
        message: result.message,
        request: result.request,
        response: result.response,
      }
      const recorded = await storage.recordAttempt({
        runId: run.id,
        holder,
        now: iso(),
        attempt,
        update,
        keepClaim: goOn,
        pauseAfter: step?.connector === 'http' ? config.pauseAfterFailures : Number.POSITIVE_INFINITY,
      })
      // Lost the claim (the lease lapsed and another worker has the run): what this try did is its to redo.
      if (!recorded || !goOn) return
      run = { ...run, ...update, attempts: run.attempts + 1 }
    }
  }

  async function claimAndRun(): Promise<boolean> {
    const run = await storage.claimRun(holder, iso(), iso(config.leaseMs))
    if (!run) return false
    const work = process(run)
      .catch((error: unknown) => parts.onError?.(error))
      .finally(() => {
        running.delete(work)
        wakeUp?.()
      })
    running.add(work)
    return true
  }

  async function poll(): Promise<void> {
    // oxlint-disable-next-line no-unmodified-loop-condition -- stop() sets it while this loop awaits
    while (!stopped) {
      let claimed = false
      if (running.size < config.concurrency) {
        try {
          claimed = await claimAndRun()
        } catch (error) {
          parts.onError?.(error)
        }
      }
      if (claimed) continue
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, config.pollMs)
        wakeUp = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wakeUp = null
    }
  }

  return {
    start(): void {
      if (!stopped) return
      stopped = false
      loop = poll()
    },
    /** Looks for due runs now: a delivery with work was stored, a run was retried. */
    wake(): void {
      wakeUp?.()
    },
    /** Stops claiming, and waits for the runs in flight to record what they did. */
    async stop(): Promise<void> {
      stopped = true
      wakeUp?.()
      await loop
      await Promise.all(running)
    },
    /** Runs everything due now and waits for it (tests, and the demo's ticks). */
    async drain(): Promise<void> {
      while (await claimAndRun()) {
        await Promise.all(running)
      }
      await Promise.all(running)
    },
  }
}

export type RunEngine = ReturnType<typeof createRunEngine>
