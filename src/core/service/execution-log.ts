import type { Automation } from '../../contract/automations'
import { BackendError } from '../../contract/errors'
import { RUNS_PAGE_SIZE, type RetryFrom, type RunDetail, type RunPage, type RunQuery, type RunSummary } from '../../contract/runs'
import { recordKeyOf } from '../actions/memory-runs'
import { RUNS_NOT_KEPT } from '../actions/no-runs'
import type { RunRecord } from '../actions/run-records'
import type { AutomationRecord, TriggerVersionRecord } from '../record-schemas'
import { requireAutomation, type ServiceContext } from './context'
import { present } from './present'

/** The Execution Log: runs and their attempts; Retry, Retry all failed, Cancel, Run now; Activate Automation. */
export function executionLogUseCases(context: ServiceContext, wakeRunner: () => void) {
  const { storage, now, randomId, serialized } = context

  /** Each version a page of runs names, read once for the page. */
  function versionReader(automation: AutomationRecord) {
    const versions = new Map<number, Promise<TriggerVersionRecord | undefined>>()
    return (version: number) => {
      let found = versions.get(version)
      if (!found) {
        found = storage.getTriggerVersion(automation.trigger.id, version)
        versions.set(version, found)
      }
      return found
    }
  }

  async function summary(run: RunRecord, versionOf: ReturnType<typeof versionReader>): Promise<RunSummary> {
    const version = await versionOf(run.version)
    return {
      id: run.id,
      automationId: run.automationId,
      deliveryId: run.deliveryId,
      version: run.version,
      state: run.state,
      createdAt: run.createdAt,
      updatedAt: run.updatedAt,
      endedAt: run.endedAt,
      nextAttemptAt: run.nextAttemptAt,
      queueReason: run.queueReason,
      steps: version?.config.steps?.length ?? 0,
      stepsSucceeded: run.stepsSucceeded,
      attempts: run.attempts,
      message: run.message,
      event: version?.config.event ?? '',
      record: run.recordKey,
    }
  }

  async function requireRun(automationId: string, runId: string): Promise<RunRecord> {
    const run = await storage.getRun(automationId, runId)
    if (!run)
      throw new BackendError(
        'not_found',
        `This automation has no run ${runId}: runs are kept as long as their delivery (${context.retentionDays} days).`,
      )
    return run
  }

  return {
    async listRuns({ automationId, ...query }: { automationId: string } & RunQuery): Promise<RunPage> {
      const automation = await requireAutomation(context, automationId)
      const page = await storage.listRunPage(automationId, { ...query, limit: RUNS_PAGE_SIZE })
      const versionOf = versionReader(automation)
      return { runs: await Promise.all(page.runs.map((run) => summary(run, versionOf))), nextCursor: page.nextCursor }
    },

    async getRun({ automationId, runId }: { automationId: string; runId: string }): Promise<RunDetail> {
      const automation = await requireAutomation(context, automationId)
      const run = await requireRun(automationId, runId)
      const attempts = await storage.listRunAttempts(runId)
      return {
        ...(await summary(run, versionReader(automation))),
        attemptsList: attempts.map(({ id: _id, runId: _run, stepIndex: _index, ...attempt }) => attempt),
        outputs: run.outputs,
      }
    },

    /** The run again, with the version it ran (a later save never changes what a retry does). */
    async retryRun({ automationId, runId, from }: { automationId: string; runId: string; from: RetryFrom }): Promise<RunSummary> {
      const automation = await requireAutomation(context, automationId)
      const run = await requireRun(automationId, runId)
      const retried = await storage.retryRun({ automationId, runId, from, now: now().toISOString() })
      if (!retried)
        throw new BackendError('conflict', `This run is ${run.state.replace('_', ' ')}: only a run that has ended can be retried.`)
      wakeRunner()
      return summary(retried, versionReader(automation))
    },

    async retryFailedRuns(input: {
      automationId: string
      from: RetryFrom
      since?: string | undefined
      until?: string | undefined
    }): Promise<{ retried: number }> {
      await requireAutomation(context, input.automationId)
      const retried = await storage.retryFailedRuns({ ...input, now: now().toISOString() })
      if (retried > 0) wakeRunner()
      return { retried }
    },

    async cancelRun({ automationId, runId }: { automationId: string; runId: string }): Promise<RunSummary> {
      const automation = await requireAutomation(context, automationId)
      const run = await requireRun(automationId, runId)
      const cancelled = await storage.cancelRun({ automationId, runId, now: now().toISOString() })
      if (!cancelled) {
        throw new BackendError(
          'conflict',
          run.state === 'running' ? 'This run is running now: it can be cancelled only while it waits.' : 'This run has ended already.',
        )
      }
      return summary(cancelled, versionReader(automation))
    },

    /**
     * Run now: chosen deliveries through the saved version's steps, as if they had just arrived
     * (deliveries stored while the automation was inactive, say). They run once it is active.
     */
    async runDeliveries({ automationId, deliveryIds }: { automationId: string; deliveryIds: string[] }): Promise<{ runs: RunSummary[] }> {
      const automation = await requireAutomation(context, automationId)
      const saved = automation.trigger.saved
      if (!saved || (saved.config.steps ?? []).length === 0) {
        throw new BackendError('conflict', 'Save an action step first: a run goes through the saved version’s steps.')
      }
      const at = now().toISOString()
      const runs: RunRecord[] = []
      for (const deliveryId of new Set(deliveryIds)) {
        const delivery = await storage.getDelivery(automation.trigger.id, deliveryId)
        if (!delivery) throw new BackendError('not_found', `This trigger has no delivery ${deliveryId}.`, { field: 'deliveryIds' })
        runs.push({
          id: randomId(),
          automationId,
          triggerId: automation.trigger.id,
          deliveryId,
          version: saved.version,
          state: 'pending',
          stepIndex: 0,
          stepFailures: 0,
          attempts: 0,
          stepsSucceeded: 0,
          nextAttemptAt: at,
          leaseHolder: null,
          leaseExpiresAt: null,
          queueReason: null,
          message: null,
          outputs: {},
          recordKey: recordKeyOf(delivery),
          origin: 'run_now',
          createdAt: at,
          updatedAt: at,
          endedAt: null,
        })
      }
      await storage.insertRuns(runs)
      wakeRunner()
      const versionOf = versionReader(automation)
      return { runs: await Promise.all(runs.map((run) => summary(run, versionOf))) }
    },

    /**
     * Activate Automation: its saved steps run for every event stored from now on, and the runs
     * that waited meanwhile go. Deactivated, new deliveries are stored and start no run.
     */
    setAutomationActive({ automationId, active }: { automationId: string; active: boolean }): Promise<Automation> {
      return serialized(`automation:${automationId}`, async () => {
        const automation = await requireAutomation(context, automationId)
        if (active && !context.runsKept) throw new BackendError('conflict', RUNS_NOT_KEPT)
        if (active && (automation.trigger.saved?.config.steps ?? []).length === 0) {
          throw new BackendError(
            'conflict',
            'Add an action step and save it first: an active automation runs its saved steps for every event.',
          )
        }
        const updated: AutomationRecord = { ...automation, active, updatedAt: now().toISOString() }
        await storage.putAutomation(updated)
        if (active) wakeRunner()
        return present(context, updated)
      })
    },
  }
}
