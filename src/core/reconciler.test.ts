// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { TriggerDraft } from '../contract/trigger-config'
import { TRIGGER_SECRET_HEADER } from '../contract/custom-headers'
import type { EventScope } from '../contract/events'
import { fakePlatform, type PlatformMethod } from './fake-store-platform'
import { createMemoryStorage } from './memory-storage'
import { createTriggerService } from './trigger-service'

const PUBLIC_URL = 'https://triggers.example.com'
const HELP = 'Set PUBLIC_URL.'
const ABC = { storeHash: 'abc123', accessToken: 'token-abc1' }

/**
 * One store, one storage, and servers over them that can die: `restart()` is a new service
 * over the same storage (what SQLite keeps) and the same BigCommerce, a minute later, so a
 * dead run's lock has expired.
 */
function world() {
  const fake = fakePlatform()
  const storage = createMemoryStorage()
  let clock = Date.UTC(2026, 0, 1)
  const now = () => new Date(clock)
  const start = () => createTriggerService({ storage, platform: fake.platform, config: { publicUrl: PUBLIC_URL, webhookHelp: HELP, now } })
  let service = start()
  return {
    fake,
    storage,
    get service() {
      return service
    },
    advance(ms: number) {
      clock += ms
    },
    restart() {
      clock += 60_000
      service = start()
      return service
    },
  }
}

async function configured(event: EventScope = 'store/order/created') {
  const context = world()
  const account = await context.service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'token-abc1' })
  const automation = await context.service.createAutomation({ name: 'Orders' })
  const draft: TriggerDraft = {
    stage: 'configureTrigger',
    connector: 'bigcommerce',
    trigger: 'bigcommerce',
    accountId: account.id,
    event,
    headers: [],
  }
  await context.service.updateTriggerDraft({ automationId: automation.id, draft })
  const destination = `${PUBLIC_URL}/hooks/bigcommerce/${automation.trigger.id}`
  return { ...context, account, draft, automationId: automation.id, triggerId: automation.trigger.id, destination }
}

/** What the app says about the hook, beside what BigCommerce holds. */
async function accounts(context: Awaited<ReturnType<typeof configured>>, storeHash = 'abc123') {
  const automation = await context.service.getAutomation({ automationId: context.automationId })
  return {
    app: { hookId: automation.trigger.saved?.webhook.hookId ?? null, event: automation.trigger.saved?.config.event ?? null },
    bigcommerce: context.fake.hooksOf(storeHash).map((hook) => ({ id: hook.id, scope: hook.scope, active: hook.is_active })),
  }
}

function expectAgreement(state: Awaited<ReturnType<typeof accounts>>) {
  expect(state.bigcommerce).toEqual([{ id: state.app.hookId, scope: state.app.event, active: true }])
}

/** Starts a save that dies inside `method`'s call; resolves once the call is under way. */
async function dieDuring(
  context: Awaited<ReturnType<typeof configured>>,
  method: PlatformMethod,
  applied: boolean,
  action: () => Promise<unknown>,
) {
  const reached = context.fake.hangNext(method, { applied })
  void action()
  await reached
}

describe('crash points of a save (a call that never answers, then a restart)', () => {
  it.each([
    ['listHooksAt', false],
    ['createHook', false],
    ['createHook', true],
  ] as const)('first save, dying in %s (applied at BigCommerce: %s): the restart registers exactly one hook', async (method, applied) => {
    const context = await configured()
    await dieDuring(context, method, applied, () => context.service.saveTrigger({ automationId: context.automationId }))
    const service = context.restart()
    await service.reconcileAll()
    const state = await accounts(context)
    expectAgreement(state)
    expect(state.app.event).toBe('store/order/created')
  })

  it.each([
    ['createHook', false],
    ['createHook', true],
    ['deleteHook', false],
    ['deleteHook', true],
  ] as const)('changing the event, dying in %s (applied: %s): the restart leaves only the new event’s hook', async (method, applied) => {
    const context = await configured()
    await context.service.saveTrigger({ automationId: context.automationId })
    await context.service.updateTriggerDraft({
      automationId: context.automationId,
      draft: { ...context.draft, event: 'store/product/created' },
    })
    await dieDuring(context, method, applied, () => context.service.saveTrigger({ automationId: context.automationId }))
    await context.restart().reconcileAll()
    const state = await accounts(context)
    expectAgreement(state)
    expect(state.app.event).toBe('store/product/created')
  })

  it('changing the account, dying while the old store’s hook is deleted: the restart deletes it', async () => {
    const context = await configured()
    await context.service.saveTrigger({ automationId: context.automationId })
    const other = await context.service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'xyz789', accessToken: 'token-xyz9' })
    await context.service.updateTriggerDraft({ automationId: context.automationId, draft: { ...context.draft, accountId: other.id } })
    await dieDuring(context, 'deleteHook', false, () => context.service.saveTrigger({ automationId: context.automationId }))
    expect(context.fake.hooksOf('abc123')).toHaveLength(1)
    await context.restart().reconcileAll()
    expect(context.fake.hooksOf('abc123')).toEqual([])
    expectAgreement(await accounts(context, 'xyz789'))
  })

  it('deleting, dying while the hook is deleted: deliveries meanwhile are discarded, and the restart deletes it', async () => {
    const context = await configured()
    await context.service.saveTrigger({ automationId: context.automationId })
    const secret = context.fake.hooksOf('abc123')[0]?.headers?.[TRIGGER_SECRET_HEADER] ?? null
    await dieDuring(context, 'deleteHook', false, () => context.service.deleteAutomation({ automationId: context.automationId }))
    const service = context.restart()
    const body = {
      scope: 'store/order/created',
      store_id: '555',
      data: { type: 'order', id: 1 },
      hash: 'h',
      created_at: 1,
      producer: 'stores/abc123',
    }
    expect(await service.receiveDelivery({ triggerId: context.triggerId, secretHeader: secret, body })).toEqual({ status: 'discarded' })
    await service.reconcileAll()
    expect(context.fake.hooksOf('abc123')).toEqual([])
    expect(await context.storage.listHookLocations()).toEqual([])
    // Forgotten once BigCommerce has stopped retrying.
    context.advance(73 * 3600_000)
    await service.reconcileAll()
    expect(
      await service.receiveDelivery({ triggerId: context.triggerId, secretHeader: secret, body }).catch((error: unknown) => error),
    ).toMatchObject({
      code: 'not_found',
    })
  })
})

describe('the reconciler', () => {
  it('deletes an orphan hook at the trigger’s destination when the trigger is reverted', async () => {
    const context = await configured()
    await context.service.saveTrigger({ automationId: context.automationId })
    context.fake.addHook('abc123', { scope: 'store/cart/converted', destination: context.destination, is_active: true, headers: null })
    const reverted = await context.service.revertTrigger({ automationId: context.automationId })
    expect(reverted.trigger.health?.actions).toEqual([expect.stringMatching(/^Deleted hook \d+ \(store\/cart\/converted\)/)])
    expectAgreement(await accounts(context))
  })

  it('re-registers a hook BigCommerce lost, and shows it missing until then', async () => {
    const context = await configured()
    await context.service.saveTrigger({ automationId: context.automationId })
    const [hook] = context.fake.hooksOf('abc123')
    await context.fake.platform.deleteHook(ABC, hook?.id ?? 0)
    const health = await context.service.getTriggerHealth({ automationId: context.automationId })
    expect(health).toMatchObject({ status: 'missing', needsAttention: true })
    expect(context.fake.hooksOf('abc123')).toEqual([])
    expect(await context.service.reconcileTrigger({ automationId: context.automationId })).toMatchObject({
      status: 'registered',
      needsAttention: false,
    })
    expectAgreement(await accounts(context))
  })

  it('shows a deactivated hook, and reactivates it', async () => {
    const context = await configured()
    await context.service.saveTrigger({ automationId: context.automationId })
    const hookId = context.fake.hooksOf('abc123')[0]?.id ?? 0
    context.fake.deactivate('abc123', hookId)
    expect(await context.service.getTriggerHealth({ automationId: context.automationId })).toMatchObject({
      status: 'deactivated',
      hookId,
      needsAttention: true,
    })
    const run = await context.service.reconcileAll()
    expect(run).toMatchObject({ triggers: 1, changes: 1, failed: 0 })
    const health = await context.service.getTriggerHealth({ automationId: context.automationId })
    expect(health).toMatchObject({ status: 'registered', hookId, needsAttention: false })
    expectAgreement(await accounts(context))
  })

  it('shows a blocklisted domain with when the block ends', async () => {
    const context = await configured()
    await context.service.saveTrigger({ automationId: context.automationId })
    context.fake.block('abc123', [
      { destination: 'https://triggers.example.com', timeLeftSeconds: 150, reasons: ['Success ratio under 90%.'] },
    ])
    const health = await context.service.getTriggerHealth({ automationId: context.automationId })
    expect(health.blockedDomain).toEqual({
      destination: 'https://triggers.example.com',
      until: '2026-01-01T00:02:30.000Z',
      reasons: ['Success ratio under 90%.'],
    })
    expect(health.needsAttention).toBe(true)
    const listed = await context.service.listAutomations()
    expect(listed[0]?.trigger.health?.needsAttention).toBe(true)
  })

  it('counts deliveries of the last 24 hours', async () => {
    const context = await configured()
    await context.service.saveTrigger({ automationId: context.automationId })
    const secret = context.fake.hooksOf('abc123')[0]?.headers?.[TRIGGER_SECRET_HEADER] ?? null
    const body = (hash: string) => ({
      scope: 'store/order/created',
      store_id: '555',
      data: { type: 'order', id: 1 },
      hash,
      created_at: 1,
      producer: 'stores/abc123',
    })
    await context.service.receiveDelivery({ triggerId: context.triggerId, secretHeader: secret, body: body('a') })
    context.advance(25 * 3600_000)
    await context.service.receiveDelivery({ triggerId: context.triggerId, secretHeader: secret, body: body('b') })
    const health = await context.service.getTriggerHealth({ automationId: context.automationId })
    expect(health).toMatchObject({ deliveriesLast24h: 1, lastDeliveryAt: '2026-01-02T01:00:00.000Z' })
  })

  it('is idempotent and safe to run twice at once', async () => {
    const context = await configured()
    await context.service.updateTriggerDraft({ automationId: context.automationId, draft: { ...context.draft } })
    // Saved, but the hook was never created (a crash before BigCommerce heard of it).
    await dieDuring(context, 'listHooksAt', false, () => context.service.saveTrigger({ automationId: context.automationId }))
    const service = context.restart()
    const second = context.restart()
    const runs = await Promise.all([service.reconcileAll(), second.reconcileAll()])
    expect(context.fake.hooksOf('abc123')).toHaveLength(1)
    // The second waited for the first's lock, then found nothing left to do.
    expect(runs.map((run) => run.changes).sort()).toEqual([0, 1])
    const again = await service.reconcileAll()
    expect(again).toMatchObject({ changes: 0, failed: 0 })
    expectAgreement(await accounts(context))
  })

  it('makes one request per trigger and one per account when all is well', async () => {
    const context = await configured()
    await context.service.saveTrigger({ automationId: context.automationId })
    for (const name of ['Second', 'Third']) {
      const automation = await context.service.createAutomation({ name })
      await context.service.updateTriggerDraft({ automationId: automation.id, draft: context.draft })
      await context.service.saveTrigger({ automationId: automation.id })
    }
    expect(await context.service.reconcileAll()).toEqual({ triggers: 3, requests: 4, changes: 0, failed: 0, busy: 0 })
  })

  it('records what failed and tries again next time', async () => {
    const context = await configured()
    await context.service.saveTrigger({ automationId: context.automationId })
    await context.fake.platform.deleteHook(ABC, context.fake.hooksOf('abc123')[0]?.id ?? 0)
    context.fake.failNext(
      'createHook',
      new (await import('../contract/errors')).BackendError('upstream_error', 'BigCommerce answered 503.'),
    )
    expect(await context.service.reconcileAll()).toMatchObject({ failed: 1 })
    const health = (await context.service.getAutomation({ automationId: context.automationId })).trigger.health
    expect(health).toMatchObject({ status: 'missing', problem: 'BigCommerce answered 503.', needsAttention: true })
    expect(await context.service.reconcileAll()).toMatchObject({ failed: 0, changes: 1 })
    expectAgreement(await accounts(context))
  })
})
