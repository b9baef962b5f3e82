import type { ActionStep } from '../../contract/actions'
import type { ReferenceContext } from '../../contract/references'
import type { StorePlatform } from '../ports'
import { runBigcommerceGetStep } from './bigcommerce-get-step'
import { evaluateOnlyContinueIf } from './conditions'
import { runHttpRequestStep } from './http-request-step'
import type { OutboundHttp } from './outbound'
import type { RunEngineStorage } from './run-engine-storage'
import { PREVIOUS_SECRET_SIGNS_FOR_MS } from './step-signature'
import { failedBeforeSending, type StepResult } from './step-result'
import { createStoreBudget } from './store-budget'

/**
 * One try of one step, whoever asks: a run's worker, or Test Action. It reads what the step
 * needs from storage (its account, secret header values, signing secrets) and calls the
 * executor of its kind.
 */
export function createStepRunner({
  storage,
  platform,
  outbound,
  now,
  httpTimeoutMs,
}: {
  storage: RunEngineStorage
  platform: StorePlatform
  outbound: OutboundHttp
  now: () => Date
  httpTimeoutMs: number
}) {
  const budget = createStoreBudget({ storage, now })
  const recentRecords = new Map<string, { at: number; fetched: ReturnType<StorePlatform['fetchEventRecord']> }>()

  /** The secrets that sign the step's requests now: the newest, and one rotated out within a day. */
  async function signingSecrets(automationId: string, stepId: string): Promise<string[]> {
    const cutoff = now().getTime() - PREVIOUS_SECRET_SIGNS_FOR_MS
    return (await storage.listSigningKeys(automationId, stepId))
      .filter((key) => key.retiredAt === null || Date.parse(key.retiredAt) > cutoff)
      .map((key) => key.secret)
  }

  async function run(input: { automationId: string; messageId: string; step: ActionStep; context: ReferenceContext }): Promise<StepResult> {
    const { step, context } = input
    switch (step.connector) {
      case 'filter': {
        try {
          const verdict = evaluateOnlyContinueIf(step, context)
          return verdict.proceed
            ? {
                outcome: 'success',
                output: { passed: true, because: verdict.reason },
                message: verdict.reason,
                request: null,
                response: null,
              }
            : { outcome: 'filtered', message: verdict.reason, request: null, response: null }
        } catch (error) {
          return failedBeforeSending(error instanceof Error ? error.message : String(error))
        }
      }
      case 'bigcommerce':
        return runBigcommerceGetStep({
          step,
          context,
          account: await storage.getAccount(step.accountId),
          platform,
          budget,
          recent: recentRecords,
          now,
        })
      case 'http': {
        const secretValues = new Map<string, string>()
        for (const header of step.headers) {
          if (!header.secret || !header.secretId) continue
          const secret = await storage.getActionSecret(header.secretId)
          if (secret) secretValues.set(header.secretId, secret.value)
        }
        const secrets = await signingSecrets(input.automationId, step.id)
        if (secrets.length === 0) return failedBeforeSending('This HTTP Request step has no signing secret: open it and create one.')
        return runHttpRequestStep({
          step,
          context,
          messageId: input.messageId,
          secretValues,
          signingSecrets: secrets,
          outbound,
          now,
          timeoutMs: httpTimeoutMs,
        })
      }
    }
  }

  return { run, budget }
}

export type StepRunner = ReturnType<typeof createStepRunner>
