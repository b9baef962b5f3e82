import type { ActionStepState, SigningSecret, TestActionResult } from '../../contract/action-api'
import { actionStepSchema, type ActionStepDraft } from '../../contract/actions'
import { BackendError } from '../../contract/errors'
import type { Callback } from '../../contract/events'
import type { StepRunner } from '../actions/step-runner'
import { newSigningSecret, PREVIOUS_SECRET_SIGNS_FOR_MS } from '../actions/step-signature'
import type { TriggerDraft } from '../../contract/trigger-config'
import { validationError } from '../validation-error'
import { requireAutomation, type ServiceContext } from './context'

/** Configure Action Step's server side: secret values kept sealed, Test Action, signing secrets. */

/**
 * A draft's secret header values go to storage (sealed there, as tokens are) and leave the
 * draft: it keeps only where each is (`secretId`), so no answer ever carries one back.
 */
export async function sealStepSecrets(
  context: Pick<ServiceContext, 'storage' | 'now' | 'randomId'>,
  automationId: string,
  draft: TriggerDraft,
): Promise<TriggerDraft> {
  if (!draft.steps) return draft
  const steps: ActionStepDraft[] = []
  for (const step of draft.steps) {
    const headers = (step as { headers?: unknown }).headers
    if (!Array.isArray(headers)) {
      steps.push(step)
      continue
    }
    const sealed = []
    for (const header of headers as { name: string; value: string | null; secret: boolean; secretId: string | null }[]) {
      if (header.secret && header.value !== null && header.value !== '') {
        const id = context.randomId()
        await context.storage.putActionSecret({ id, automationId, value: header.value, createdAt: context.now().toISOString() })
        sealed.push({ ...header, value: null, secretId: id })
      } else {
        sealed.push(header.secret ? { ...header, value: null } : header)
      }
    }
    steps.push({ ...step, headers: sealed } as ActionStepDraft)
  }
  return { ...draft, steps }
}

export function actionStepUseCases(context: ServiceContext, stepRunner: StepRunner) {
  const { storage, now, randomId } = context

  function draftStep(draft: TriggerDraft, stepId: string) {
    const index = (draft.steps ?? []).findIndex((step) => step.id === stepId)
    if (index === -1) throw new BackendError('not_found', `This automation has no step ${stepId}.`, { field: 'stepId' })
    const parsed = actionStepSchema.safeParse(draft.steps?.[index])
    if (!parsed.success) {
      throw validationError(parsed.error, {
        code: 'incomplete_trigger',
        under: ['steps', String(index)],
        message: (issue) => issue?.message ?? 'Finish configuring this step first.',
      })
    }
    return { step: parsed.data, index }
  }

  async function stepState(automationId: string, stepId: string): Promise<ActionStepState> {
    const [keys, health, test] = await Promise.all([
      storage.listSigningKeys(automationId, stepId),
      storage.listStepHealth(automationId),
      storage.getStepTest(automationId, stepId),
    ])
    const [current, previous] = keys
    const stepHealth = health.find((candidate) => candidate.stepId === stepId)
    const previousUntil = previous?.retiredAt ? new Date(Date.parse(previous.retiredAt) + PREVIOUS_SECRET_SIGNS_FOR_MS).toISOString() : null
    return {
      stepId,
      signingSecretCreatedAt: current?.createdAt ?? null,
      previousSignsUntil: previousUntil !== null && previousUntil > now().toISOString() ? previousUntil : null,
      consecutiveFailures: stepHealth?.consecutiveFailures ?? 0,
      pausedAt: stepHealth?.pausedAt ?? null,
      lastTest: (test?.result as TestActionResult | undefined) ?? null,
    }
  }

  return {
    /** Each step's signing secret dates, health and last test, for the draft's steps and the saved ones. */
    async getActionStepStates({ automationId }: { automationId: string }): Promise<{ steps: ActionStepState[] }> {
      const automation = await requireAutomation(context, automationId)
      const ids = new Set(
        [...(automation.trigger.draft.steps ?? []), ...(automation.trigger.saved?.config.steps ?? [])].map((step) => step.id),
      )
      return { steps: await Promise.all([...ids].map((stepId) => stepState(automationId, stepId))) }
    },

    /**
     * Creates the step's signing secret, or rotates it: the one it replaces signs beside it for
     * a day. The answer is the only time the secret is shown.
     */
    async createSigningSecret({ automationId, stepId }: { automationId: string; stepId: string }): Promise<SigningSecret> {
      const automation = await requireAutomation(context, automationId)
      const known = [...(automation.trigger.draft.steps ?? []), ...(automation.trigger.saved?.config.steps ?? [])]
      if (!known.some((step) => step.id === stepId && step.connector === 'http')) {
        throw new BackendError('not_found', `This automation has no HTTP Request step ${stepId}.`, { field: 'stepId' })
      }
      const createdAt = now().toISOString()
      const previous = (await storage.listSigningKeys(automationId, stepId))[0]
      const secret = newSigningSecret()
      await storage.addSigningKey({ id: randomId(), automationId, stepId, secret, createdAt, retiredAt: null })
      return {
        stepId,
        secret,
        createdAt,
        previousSignsUntil: previous ? new Date(Date.parse(createdAt) + PREVIOUS_SECRET_SIGNS_FOR_MS).toISOString() : null,
      }
    },

    /**
     * Test Action: the draft's step on the Test Trigger output, with the outputs of the earlier
     * steps' last tests, sent for real (a test request is signed like a run's, with its own
     * `webhook-id`). A success clears a paused step: the destination answers again.
     */
    async testAction({
      automationId,
      stepId,
      payload,
    }: {
      automationId: string
      stepId: string
      payload: Callback
    }): Promise<TestActionResult> {
      const automation = await requireAutomation(context, automationId)
      const { step, index } = draftStep(automation.trigger.draft, stepId)
      const outputs: Record<string, unknown> = {}
      for (const earlier of (automation.trigger.draft.steps ?? []).slice(0, index)) {
        const test = await storage.getStepTest(automationId, earlier.id)
        const result = test?.result as TestActionResult | undefined
        if (result?.outcome === 'success') outputs[earlier.id] = result.output
      }
      const testedAt = now().toISOString()
      const result = await stepRunner.run({
        automationId,
        messageId: `msg_test_${randomId()}`,
        step,
        context: { trigger: payload, steps: outputs },
      })
      const answer: TestActionResult = {
        stepId,
        testedAt,
        outcome: result.outcome,
        message: result.message,
        request: result.request,
        response: result.response,
        output: result.outcome === 'success' ? result.output : null,
      }
      await storage.putStepTest({ automationId, stepId, testedAt, result: answer })
      if (result.outcome === 'success') await storage.resumeStep({ automationId, stepId, now: testedAt })
      return answer
    },

    /** Resume: a paused step's runs go again, its failures forgotten. */
    async resumeStep({ automationId, stepId }: { automationId: string; stepId: string }): Promise<ActionStepState> {
      await requireAutomation(context, automationId)
      await storage.resumeStep({ automationId, stepId, now: now().toISOString() })
      return stepState(automationId, stepId)
    },
  }
}
