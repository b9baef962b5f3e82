import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import type { ActionStep } from '../../contract/actions'
import { BackendError } from '../../contract/errors'
import { fakePlatform } from '../fake-store-platform'
import type { AccountRecord, AutomationRecord, DeliveryRecord, TriggerVersionRecord } from '../record-schemas'
import { createMemoryRuns, emptyRunState, runForDelivery } from './memory-runs'
import type { OutboundHttp, OutboundRequest, OutboundResponse } from './outbound'
import { OutboundError } from './outbound'
import { createRunEngine, DEFAULT_RUN_ENGINE_CONFIG, type RunEngineStorage } from './run-engine'
import type { RunRecord } from './run-records'
import { newSigningSecret } from './step-signature'

const account: AccountRecord = {
  id: 'acc1',
  connector: 'bigcommerce',
  storeHash: 'abc123',
  storeName: 'Store abc123',
  createdAt: '2030-01-01T00:00:00.000Z',
  accessToken: 'token-abc1',
  storeId: '555',
}

const getProduct: ActionStep = {
  id: 'getp1',
  connector: 'bigcommerce',
  action: 'get_product',
  accountId: 'acc1',
  ids: { productId: '{{trigger.data.id}}' },
  keepOrderPerRecord: false,
}
const httpStep = (overrides: Partial<Extract<ActionStep, { connector: 'http' }>> = {}): ActionStep => ({
  id: 'send1',
  connector: 'http',
  action: 'http_request',
  url: 'https://hooks.example.com/in/{{steps.getp1.name}}',
  method: 'POST',
  headers: [{ name: 'X-Team', value: 'ops', secret: false, secretId: null }],
  query: [],
  body: '{"name": {{steps.getp1.name}}, "id": {{trigger.data.id}}}',
  maxInFlight: 10,
  keepOrderPerRecord: false,
  ...overrides,
})

type Answer = OutboundResponse | OutboundError
/** A destination that answers from a script, and keeps what it was sent. */
function destination(...answers: Answer[]) {
  const received: OutboundRequest[] = []
  const outbound: OutboundHttp = {
    async send(request) {
      received.push(request)
      const answer = answers.length > 1 ? answers.shift() : answers[0]
      if (!answer) throw new Error('No answer scripted.')
      if (answer instanceof OutboundError) throw answer
      return answer
    },
  }
  return { outbound, received }
}
const ok: OutboundResponse = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}', truncated: false }
const status = (code: number, headers: Record<string, string> = {}): OutboundResponse => ({
  status: code,
  headers,
  body: 'no',
  truncated: false,
})

function setup(steps: ActionStep[], outbound: OutboundHttp, options: { retrySchedule?: number[]; pauseAfterFailures?: number } = {}) {
  let clock = Date.parse('2030-01-01T00:00:00.000Z')
  const now = () => new Date(clock)
  let ids = 0
  const randomId = () => `id${String(++ids).padStart(4, '0')}`
  const automation: AutomationRecord = {
    id: 'auto1',
    name: 'Products',
    createdAt: now().toISOString(),
    updatedAt: now().toISOString(),
    active: true,
    trigger: {
      id: 'trig1',
      secret: 's',
      draft: {
        stage: 'test',
        connector: 'bigcommerce',
        trigger: 'bigcommerce',
        accountId: 'acc1',
        event: 'store/product/created',
        headers: [],
      },
      saved: null,
      draftRestoredFrom: null,
    },
  }
  const version: TriggerVersionRecord = {
    triggerId: 'trig1',
    version: 1,
    savedAt: now().toISOString(),
    config: { connector: 'bigcommerce', trigger: 'bigcommerce', accountId: 'acc1', event: 'store/product/created', headers: [], steps },
    webhook: { status: 'not_registered', hookId: null, destination: null, detail: null },
    restoredFrom: null,
  }
  automation.trigger.saved = version
  const deliveries: DeliveryRecord[] = []
  const runState = emptyRunState()
  const runs = createMemoryRuns(runState, { isActive: () => automation.active === true, save: () => undefined })
  const platform = fakePlatform()
  const storage: RunEngineStorage = {
    ...runs,
    getAutomation: async () => structuredClone(automation),
    getTriggerVersion: async (_trigger, number) => (number === 1 ? structuredClone(version) : undefined),
    getDelivery: async (_trigger, id) => structuredClone(deliveries.find((delivery) => delivery.id === id)),
    getAccount: async (id) => (id === account.id ? structuredClone(account) : undefined),
  }
  const signingSecret = newSigningSecret()
  void runs.addSigningKey({
    id: 'key1',
    automationId: 'auto1',
    stepId: 'send1',
    secret: signingSecret,
    createdAt: now().toISOString(),
    retiredAt: null,
  })
  const engine = (holder = 'worker-a') =>
    createRunEngine({
      storage,
      platform: platform.platform,
      outbound,
      config: {
        ...DEFAULT_RUN_ENGINE_CONFIG,
        retrySchedule: options.retrySchedule ?? [1000, 60_000],
        pauseAfterFailures: options.pauseAfterFailures ?? 20,
      },
      now,
      randomId,
      holder,
      random: () => 0.5,
    })
  async function deliver(productId: number): Promise<RunRecord> {
    const delivery: DeliveryRecord = {
      id: randomId(),
      triggerId: 'trig1',
      hash: `h${productId}-${ids}`,
      receivedAt: now().toISOString(),
      payload: {
        scope: 'store/product/created',
        store_id: '555',
        data: { type: 'product', id: productId },
        hash: 'x',
        created_at: 1,
        producer: 'stores/abc123',
      },
      duplicates: 0,
      authenticatedBy: 'secret',
    }
    deliveries.push(delivery)
    const run = runForDelivery(automation, delivery, randomId())
    if (!run) throw new Error('No run')
    await runs.insertRuns([run])
    return run
  }
  return {
    storage,
    runs,
    platform,
    automation,
    engine,
    deliver,
    signingSecret,
    advance: (ms: number) => {
      clock += ms
    },
    run: async (id: string) => (await runs.getRun('auto1', id)) as RunRecord,
  }
}

describe('the run engine', () => {
  it('fetches the record, then sends it signed, and records each step', async () => {
    const { outbound, received } = destination(ok)
    const world = setup([getProduct, httpStep()], outbound)
    world.platform.setResource({ type: 'product', id: 125 }, { id: 125, name: 'Say "hi"' })
    const { id } = await world.deliver(125)
    await world.engine().drain()

    const run = await world.run(id)
    expect(run).toMatchObject({ state: 'success', stepsSucceeded: 2, attempts: 2, leaseHolder: null, endedAt: expect.any(String) })
    expect(run.outputs['getp1']).toEqual({ id: 125, name: 'Say "hi"' })
    const [sent] = received
    expect(sent?.url).toBe('https://hooks.example.com/in/Say%20%22hi%22')
    expect(JSON.parse(sent?.body ?? '')).toEqual({ name: 'Say "hi"', id: 125 })
    expect(sent?.headers['x-team']).toBe('ops')
    // The clock is the test's, so the signature is checked as a receiver computes it, not against today.
    const signedAt = new Date(Number(sent?.headers['webhook-timestamp']) * 1000)
    expect(sent?.headers['webhook-signature']).toBe(
      new Webhook(world.signingSecret).sign(sent?.headers['webhook-id'] ?? '', signedAt, sent?.body ?? ''),
    )
    expect(sent?.headers['webhook-id']).toBe(`msg_${id}_send1`)
    const attempts = await world.runs.listRunAttempts(id)
    expect(attempts.map((attempt) => [attempt.stepId, attempt.outcome])).toEqual([
      ['getp1', 'success'],
      ['send1', 'success'],
    ])
  })

  it('retries a failing destination on the schedule, with the same webhook-id, and ends Partially Executed when it is spent', async () => {
    const { outbound, received } = destination(status(503), status(500, { 'retry-after': '30' }), status(502))
    const world = setup([getProduct, httpStep()], outbound)
    world.platform.setResource({ type: 'product', id: 7 }, { id: 7, name: 'Lamp' })
    const { id } = await world.deliver(7)
    const engine = world.engine()
    await engine.drain()
    expect(await world.run(id)).toMatchObject({
      state: 'retrying',
      stepIndex: 1,
      stepFailures: 1,
      nextAttemptAt: '2030-01-01T00:00:01.000Z',
      message: 'hooks.example.com answered 503.',
    })

    await engine.drain()
    expect(received).toHaveLength(1)
    world.advance(1000)
    await engine.drain()
    // Retry-After asked for 30 s, less than the schedule's 60 s: the schedule's wait stands.
    expect(await world.run(id)).toMatchObject({ state: 'retrying', stepFailures: 2, nextAttemptAt: '2030-01-01T00:01:01.000Z' })
    world.advance(60_000)
    await engine.drain()
    expect(await world.run(id)).toMatchObject({ state: 'partially_executed', stepsSucceeded: 1, stepFailures: 3 })
    expect(new Set(received.map((request) => request.headers['webhook-id']))).toEqual(new Set([`msg_${id}_send1`]))
  })

  it('fails at once on a 4xx, and on a destination it may not call', async () => {
    const world = setup([httpStep({ url: 'https://hooks.example.com/in', body: null })], destination(status(404)).outbound)
    const { id } = await world.deliver(1)
    await world.engine().drain()
    expect(await world.run(id)).toMatchObject({
      state: 'failed',
      message: 'hooks.example.com answered 404. A 4xx will not change on a retry.',
    })

    const refused = setup(
      [httpStep({ url: 'http://127.0.0.1/x', body: null })],
      destination(new OutboundError('destination_refused', 'private')).outbound,
    )
    const second = await refused.deliver(1)
    await refused.engine().drain()
    expect(await refused.run(second.id)).toMatchObject({ state: 'failed', message: 'private' })
  })

  it('stops a run that a condition filters out, saying which', async () => {
    const { outbound, received } = destination(ok)
    const filter: ActionStep = {
      id: 'only1',
      connector: 'filter',
      action: 'only_continue_if',
      match: 'all',
      conditions: [{ reference: '{{steps.getp1.price}}', operator: 'greater_than', value: '100' }],
    }
    const world = setup([getProduct, filter, httpStep()], outbound)
    world.platform.setResource({ type: 'product', id: 3 }, { id: 3, name: 'Pen', price: 2 })
    const { id } = await world.deliver(3)
    await world.engine().drain()
    expect(await world.run(id)).toMatchObject({
      state: 'filtered_out',
      message: 'Filtered out: not true that {{steps.getp1.price}} (2) is greater than "100".',
    })
    expect(received).toHaveLength(0)
  })

  it('fails, naming the reference, when the data lacks it', async () => {
    const world = setup([getProduct, httpStep()], destination(ok).outbound)
    world.platform.setResource({ type: 'product', id: 4 }, { id: 4 })
    const { id } = await world.deliver(4)
    await world.engine().drain()
    expect(await world.run(id)).toMatchObject({
      state: 'partially_executed',
      message: "The URL: {{steps.getp1.name}} is not in this run's data.",
    })
  })

  it('pauses the store when BigCommerce rate-limits it, and runs wait for its reset', async () => {
    const world = setup([getProduct], destination(ok).outbound)
    world.platform.failNext('fetchEventRecord', new BackendError('rate_limited', 'BigCommerce is rate-limiting store abc123.'))
    const first = await world.deliver(5)
    await world.engine().drain()
    expect(await world.run(first.id)).toMatchObject({ state: 'retrying', message: 'BigCommerce is rate-limiting store abc123.' })
    const second = await world.deliver(6)
    await world.engine().drain()
    expect(await world.run(second.id)).toMatchObject({
      state: 'queued',
      queueReason: 'store_budget',
      nextAttemptAt: '2030-01-01T00:00:30.000Z',
    })
  })

  it('pauses a step after failures in a row, and Resume lets its runs go', async () => {
    const world = setup([httpStep({ url: 'https://down.example.com/', body: null })], destination(status(400)).outbound, {
      pauseAfterFailures: 2,
    })
    await world.deliver(1)
    await world.deliver(2)
    await world.engine().drain()
    expect(await world.runs.listStepHealth('auto1')).toEqual([
      { automationId: 'auto1', stepId: 'send1', consecutiveFailures: 2, pausedAt: '2030-01-01T00:00:00.000Z' },
    ])
    const third = await world.deliver(3)
    await world.engine().drain()
    expect(await world.run(third.id)).toMatchObject({ state: 'queued', queueReason: 'destination_paused' })
    await world.runs.resumeStep({ automationId: 'auto1', stepId: 'send1', now: '2030-01-01T00:00:00.000Z' })
    await world.engine().drain()
    expect(await world.run(third.id)).toMatchObject({ state: 'failed' })
  })

  it('keeps order per record: a later run of the same record waits for the earlier one', async () => {
    const world = setup(
      [httpStep({ url: 'https://hooks.example.com/', body: null, keepOrderPerRecord: true })],
      destination(status(503), ok).outbound,
    )
    const first = await world.deliver(9)
    const second = await world.deliver(9)
    const other = await world.deliver(10)
    await world.engine().drain()
    expect(await world.run(first.id)).toMatchObject({ state: 'retrying' })
    expect(await world.run(second.id)).toMatchObject({ state: 'queued', queueReason: 'earlier_run_of_record' })
    expect(await world.run(other.id)).toMatchObject({ state: 'success' })
    world.advance(1000)
    await world.engine().drain()
    expect(await world.run(first.id)).toMatchObject({ state: 'success' })
    await world.engine().drain()
    expect(await world.run(second.id)).toMatchObject({ state: 'success' })
  })

  it('takes over a run whose worker died, once its lease lapses, and the dead one cannot record', async () => {
    const { outbound, received } = destination(ok)
    const world = setup([httpStep({ url: 'https://hooks.example.com/', body: null })], outbound)
    const { id } = await world.deliver(1)
    const dead = await world.runs.claimRun('worker-dead', '2030-01-01T00:00:00.000Z', '2030-01-01T00:00:10.000Z')
    expect(dead?.id).toBe(id)
    await world.engine('worker-b').drain()
    expect(received).toHaveLength(0)
    world.advance(10_000)
    await world.engine('worker-b').drain()
    expect(await world.run(id)).toMatchObject({ state: 'success' })
    expect(await world.runs.renewRunLease(id, 'worker-dead', '2030-01-01T00:00:10.000Z', '2030-01-01T00:00:20.000Z')).toBe(false)
  })

  it('runs nothing while the automation is inactive, and the waiting runs go once it is active again', async () => {
    const { outbound, received } = destination(ok)
    const world = setup([httpStep({ url: 'https://hooks.example.com/', body: null })], outbound)
    const { id } = await world.deliver(1)
    world.automation.active = false
    await world.engine().drain()
    expect(await world.run(id)).toMatchObject({ state: 'pending' })
    world.automation.active = true
    await world.engine().drain()
    expect(received).toHaveLength(1)
  })
})
