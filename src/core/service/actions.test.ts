// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { TriggerDraft } from '../../contract/trigger-config'
import type { ActionStep } from '../../contract/actions'
import { fakePlatform } from '../fake-store-platform'
import { createMemoryStorage } from '../memory-storage'
import type { OutboundHttp, OutboundRequest, OutboundResponse } from '../actions/outbound'
import { createTriggerService } from '../trigger-service'
import { delivery, rejection, secretOf } from './service-fixtures'

/** A destination that answers from a script and keeps what it was sent. */
function destination(...answers: OutboundResponse[]) {
  const received: OutboundRequest[] = []
  const outbound: OutboundHttp = {
    async send(request) {
      received.push(request)
      const answer = answers.length > 1 ? answers.shift() : answers[0]
      if (!answer) throw new Error('No answer scripted')
      return answer
    },
  }
  return { outbound, received }
}
const ok: OutboundResponse = { status: 202, headers: {}, body: '{"received":true}', truncated: false }
const failing: OutboundResponse = { status: 503, headers: {}, body: 'down', truncated: false }

const getProduct = (accountId: string): ActionStep => ({
  id: 'getp1',
  connector: 'bigcommerce',
  action: 'get_product',
  accountId,
  ids: { productId: '{{trigger.data.id}}' },
  keepOrderPerRecord: false,
})
const send: ActionStep = {
  id: 'send1',
  connector: 'http',
  action: 'http_request',
  url: 'https://hooks.example.com/products',
  method: 'POST',
  headers: [{ name: 'Authorization', value: 'Bearer very-secret-value', secret: true, secretId: null }],
  query: [],
  body: '{"name": {{steps.getp1.name}}}',
  maxInFlight: 10,
  keepOrderPerRecord: false,
}

async function automationWithSteps(answers: OutboundResponse[] = [ok]) {
  const fake = fakePlatform()
  const storage = createMemoryStorage()
  const { outbound, received } = destination(...answers)
  // A clock that moves only when told: a lease of 10 s must not lapse because a run read the time.
  const clock = { at: Date.UTC(2030, 0, 1) }
  const service = createTriggerService({
    storage,
    platform: fake.platform,
    config: {
      publicUrl: 'https://triggers.example.com',
      webhookHelp: '',
      now: () => new Date(clock.at),
      runs: { retrySchedule: [1000] },
    },
    outbound,
  })
  const account = await service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'token-abc1' })
  const automation = await service.createAutomation({ name: 'New products' })
  const draft: TriggerDraft = {
    stage: 'test',
    connector: 'bigcommerce',
    trigger: 'bigcommerce',
    accountId: account.id,
    event: 'store/product/created',
    headers: [],
    steps: [getProduct(account.id), send],
  }
  const written = await service.updateTriggerDraft({ automationId: automation.id, draft })
  const secret = await service.createSigningSecret({ automationId: automation.id, stepId: 'send1' })
  await service.saveTrigger({ automationId: automation.id })
  fake.setResource({ type: 'product', id: 125 }, { id: 125, name: 'Say "hi" mug' })
  const product = delivery({ scope: 'store/product/created', data: { type: 'product', id: 125 }, hash: 'p125' })
  return {
    fake,
    storage,
    service,
    received,
    clock,
    automationId: automation.id,
    triggerId: automation.trigger.id,
    written,
    secret,
    product,
  }
}

describe('action steps', () => {
  it('keep a secret header value sealed: the draft answers where it is, never the value', async () => {
    const { written, storage, automationId } = await automationWithSteps()
    const header = written.trigger.draft.steps?.[1]?.['headers' as never] as { value: unknown; secretId: string }[]
    expect(header[0]).toMatchObject({ name: 'Authorization', value: null, secret: true, secretId: expect.any(String) })
    expect(JSON.stringify(await storage.getAutomation(automationId))).not.toContain('very-secret-value')
    expect((await storage.getActionSecret(header[0]?.secretId ?? ''))?.value).toBe('Bearer very-secret-value')
  })

  it('run for a delivery only while the automation is active; then reach the destination once, signed, with the product', async () => {
    const { service, received, automationId, triggerId, product, storage } = await automationWithSteps()
    const secretHeader = await secretOf(storage, automationId)
    await service.receiveDelivery({ triggerId, secretHeader, body: product })
    expect((await service.listRuns({ automationId })).runs).toEqual([])

    expect((await service.setAutomationActive({ automationId, active: true })).active).toBe(true)
    await service.receiveDelivery({ triggerId, secretHeader, body: { ...product, hash: 'p125-again' } })
    await service.runner.drain()
    const [run] = (await service.listRuns({ automationId })).runs
    expect(run).toMatchObject({
      state: 'success',
      steps: 2,
      stepsSucceeded: 2,
      event: 'store/product/created',
      record: 'product 125',
      version: 1,
    })
    expect(received).toHaveLength(1)
    expect(received[0]?.headers['authorization']).toBe('Bearer very-secret-value')
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ name: 'Say "hi" mug' })

    const detail = await service.getRun({ automationId, runId: run?.id ?? '' })
    expect(detail.attemptsList.map((attempt) => [attempt.stepId, attempt.outcome])).toEqual([
      ['getp1', 'success'],
      ['send1', 'success'],
    ])
    expect(detail.attemptsList[1]?.request?.headers['authorization']).toBe('••••')
  })

  it('is refused activation until a saved version has a step', async () => {
    const fake = fakePlatform()
    const service = createTriggerService({
      storage: createMemoryStorage(),
      platform: fake.platform,
      config: { publicUrl: null, webhookHelp: '' },
    })
    const automation = await service.createAutomation({ name: 'Nothing yet' })
    expect(await rejection(service.setAutomationActive({ automationId: automation.id, active: true }))).toMatchObject({ code: 'conflict' })
  })

  it('retry a failed run with the version it ran, cancel a waiting one, and run chosen deliveries now', async () => {
    const { service, automationId, triggerId, product, storage, clock } = await automationWithSteps([failing, failing, ok])
    const secretHeader = await secretOf(storage, automationId)
    await service.setAutomationActive({ automationId, active: true })
    await service.receiveDelivery({ triggerId, secretHeader, body: product })
    await service.runner.drain()
    const [retrying] = (await service.listRuns({ automationId })).runs
    expect(retrying).toMatchObject({ state: 'retrying', queueReason: null })
    expect(await rejection(service.retryRun({ automationId, runId: retrying?.id ?? '', from: 'failed_step' }))).toMatchObject({
      code: 'conflict',
    })
    expect(await service.cancelRun({ automationId, runId: retrying?.id ?? '' })).toMatchObject({
      state: 'cancelled',
      message: 'Cancelled while Retrying.',
    })

    expect(await service.retryRun({ automationId, runId: retrying?.id ?? '', from: 'failed_step' })).toMatchObject({
      state: 'pending',
      stepsSucceeded: 1,
    })
    await service.runner.drain()
    expect(await service.getRun({ automationId, runId: retrying?.id ?? '' })).toMatchObject({ state: 'retrying' })
    clock.at += 1200 // the retry waits 1 s, give or take a fifth
    await service.runner.drain()
    expect(await service.getRun({ automationId, runId: retrying?.id ?? '' })).toMatchObject({ state: 'success', attempts: 4 })

    const deliveryId = (await storage.listDeliveries(triggerId, 1))[0]?.id ?? ''
    const { runs } = await service.runDeliveries({ automationId, deliveryIds: [deliveryId] })
    expect(runs).toMatchObject([{ state: 'pending', deliveryId }])
    await service.runner.drain()
    expect(await service.getRun({ automationId, runId: runs[0]?.id ?? '' })).toMatchObject({ state: 'success' })
  })

  it('test a step on the Test Trigger output, with the earlier steps’ tests, and keep the last test', async () => {
    const { service, automationId, product, received } = await automationWithSteps()
    expect(await service.testAction({ automationId, stepId: 'getp1', payload: product })).toMatchObject({
      outcome: 'success',
      output: { id: 125, name: 'Say "hi" mug' },
    })
    const result = await service.testAction({ automationId, stepId: 'send1', payload: product })
    expect(result).toMatchObject({ outcome: 'success', response: { status: 202 } })
    expect(received[0]?.headers['webhook-id']).toMatch(/^msg_test_/)
    const states = await service.getActionStepStates({ automationId })
    expect(states.steps.find((state) => state.stepId === 'send1')).toMatchObject({
      signingSecretCreatedAt: expect.any(String),
      lastTest: { outcome: 'success' },
    })
  })

  it('show a signing secret once, and after a rotation sign with both for a day', async () => {
    const { service, automationId, secret } = await automationWithSteps()
    expect(secret.secret).toMatch(/^whsec_/)
    expect(secret.previousSignsUntil).toBeNull()
    const rotated = await service.createSigningSecret({ automationId, stepId: 'send1' })
    expect(rotated.secret).not.toBe(secret.secret)
    expect(rotated.previousSignsUntil).not.toBeNull()
    const states = await service.getActionStepStates({ automationId })
    expect(JSON.stringify(states)).not.toContain('whsec_')
    expect(await rejection(service.createSigningSecret({ automationId, stepId: 'getp1' }))).toMatchObject({
      code: 'not_found',
      field: 'stepId',
    })
  })
})

describe('action steps on a storage that keeps no runs', () => {
  it('are saved, but activation and the Execution Log say why they do not run', async () => {
    const fake = fakePlatform()
    const memory = createMemoryStorage()
    // A storage without the run methods, as SQLite's and PostgreSQL's are for now.
    const storage = Object.fromEntries(
      Object.entries(memory).filter(([name]) => !['claimRun', 'listRunPage', 'putActionSecret', 'insertRuns'].includes(name)),
    ) as unknown as Parameters<typeof createTriggerService>[0]['storage']
    const service = createTriggerService({ storage, platform: fake.platform, config: { publicUrl: null, webhookHelp: '' } })
    const automation = await service.createAutomation({ name: 'Saved, not run' })
    const refusal = { code: 'conflict', message: expect.stringContaining('do not run on this server yet') }
    expect(await rejection(service.setAutomationActive({ automationId: automation.id, active: true }))).toMatchObject(refusal)
    expect(await rejection(service.listRuns({ automationId: automation.id }))).toMatchObject(refusal)
  })
})
