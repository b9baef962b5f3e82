// @vitest-environment node
import { createTriggerService } from '../trigger-service'
import { describe, expect, it, vi } from 'vitest'
import { TRIGGER_SECRET_HEADER } from '../../contract/custom-headers'
import { BackendError } from '../../contract/errors'
import { configured, rejection, secretOf, PUBLIC_URL, HELP } from './service-fixtures'

describe('updateTriggerDraft and differsFromSaved', () => {
  it('keeps headers exactly as typed, even invalid ones', async () => {
    const { service, automationId, draft } = await configured()
    const typing = { ...draft, headers: [{ name: 'X Bad', value: '' }] }
    const automation = await service.updateTriggerDraft({ automationId, draft: typing })
    expect(automation.trigger.draft).toEqual(typing)
    expect((await service.getAutomation({ automationId })).trigger.draft.headers).toEqual([{ name: 'X Bad', value: '' }])
  })

  it('reads no health to answer a draft write, which changes none, and answers none', async () => {
    const { service, storage, automationId, draft } = await configured()
    await service.saveTrigger({ automationId })
    const reads = [vi.spyOn(storage, 'getHookCheck'), vi.spyOn(storage, 'deliveryStats'), vi.spyOn(storage, 'getDeliveryRefusal')]
    const automation = await service.updateTriggerDraft({ automationId, draft: { ...draft, headers: [] } })
    expect(automation.trigger.health).toBeUndefined()
    expect(automation.trigger.differsFromSaved).toBe(true)
    for (const read of reads) expect(read).not.toHaveBeenCalled()
  })

  it('refuses an account that was never authorized, at accountId', async () => {
    const { service, automationId, draft } = await configured()
    const error = await rejection(service.updateTriggerDraft({ automationId, draft: { ...draft, accountId: 'ghost' } }))
    expect(error).toMatchObject({ code: 'not_found', field: 'accountId' })
  })

  it('does not mark a draft changed for the order of its headers alone', async () => {
    const { service, automationId, draft } = await configured()
    const two = { ...draft, headers: [...draft.headers, { name: 'X-Env', value: 'prod' }] }
    await service.updateTriggerDraft({ automationId, draft: two })
    await service.saveTrigger({ automationId })
    const reordered = await service.updateTriggerDraft({ automationId, draft: { ...two, headers: [...two.headers].reverse() } })
    expect(reordered.trigger.differsFromSaved).toBe(false)
    const renamed = await service.updateTriggerDraft({
      automationId,
      draft: { ...two, headers: [{ name: 'x-team', value: 'ops' }, two.headers[1]!] },
    })
    expect(renamed.trigger.differsFromSaved).toBe(true)
  })

  it('marks a draft changed only when what was configured differs, not the stage', async () => {
    const { service, automationId, draft } = await configured()
    await service.saveTrigger({ automationId })
    const sameButStage = await service.updateTriggerDraft({ automationId, draft: { ...draft, stage: 'chooseTrigger' } })
    expect(sameButStage.trigger.differsFromSaved).toBe(false)
    const newEvent = await service.updateTriggerDraft({ automationId, draft: { ...draft, event: 'store/product/created' } })
    expect(newEvent.trigger.differsFromSaved).toBe(true)
    const newHeader = await service.updateTriggerDraft({ automationId, draft: { ...draft, headers: [{ name: 'X-Team', value: 'sales' }] } })
    expect(newHeader.trigger.differsFromSaved).toBe(true)
  })
})

describe('saveTrigger', () => {
  it('refuses an incomplete draft at its field and registers nothing', async () => {
    const { service, fake, automationId, draft } = await configured()
    await service.updateTriggerDraft({ automationId, draft: { ...draft, accountId: null } })
    expect(await rejection(service.saveTrigger({ automationId }))).toMatchObject({ code: 'incomplete_trigger', field: 'accountId' })
    expect(fake.hooksOf('abc123')).toEqual([])
  })

  it('refuses a header value with a NUL at Test and at Save, at its row, and registers nothing', async () => {
    const { service, fake, automationId, draft } = await configured()
    await service.updateTriggerDraft({ automationId, draft: { ...draft, headers: [{ name: 'X-Team', value: 'ops\u0000' }] } })
    const expected = {
      code: 'incomplete_trigger',
      field: 'headers.0.value',
      message: expect.stringMatching(/control characters such as NUL/),
    }
    expect(await rejection(service.testTrigger({ automationId }))).toMatchObject(expected)
    expect(await rejection(service.saveTrigger({ automationId }))).toMatchObject(expected)
    expect(fake.hooksOf('abc123')).toEqual([])
  })

  it('without a public URL saves the configuration and says why nothing is registered', async () => {
    const { service, fake, automationId, draft } = await configured('store/order/created', { publicUrl: null })
    const automation = await service.saveTrigger({ automationId })
    expect(automation.trigger.saved).toMatchObject({
      version: 1,
      config: { event: 'store/order/created', headers: draft.headers },
      webhook: { status: 'not_registered', hookId: null, destination: null, detail: HELP },
    })
    expect(automation.trigger.draft.stage).toBe('test')
    expect(fake.callsTo('createHook')).toBe(0)
    expect(await service.getInfo()).toEqual({ publicUrl: null, webhookHelp: HELP })
  })

  describe('without a public URL any more', () => {
    /** Saved with PUBLIC_URL set, then the server restarted without it: same storage, same store. */
    async function savedThenUnset() {
      const context = await configured()
      await context.service.saveTrigger({ automationId: context.automationId })
      const service = createTriggerService({
        storage: context.storage,
        platform: context.fake.platform,
        config: { publicUrl: null, webhookHelp: HELP },
      })
      return { ...context, service }
    }

    it('removes the hook saved earlier, so none is left live at BigCommerce', async () => {
      const { service, fake, automationId } = await savedThenUnset()
      expect(fake.hooksOf('abc123')).toHaveLength(1)
      const automation = await service.saveTrigger({ automationId })
      expect(fake.hooksOf('abc123')).toEqual([])
      expect(automation.trigger.saved).toMatchObject({ version: 2, webhook: { status: 'not_registered', hookId: null, detail: HELP } })
    })

    it('saves when BigCommerce no longer has that hook', async () => {
      const { service, fake, automationId } = await savedThenUnset()
      const [hook] = fake.hooksOf('abc123')
      await fake.platform.deleteHook({ storeHash: 'abc123', accessToken: 'token-abc1' }, hook?.id ?? 0)
      expect((await service.saveTrigger({ automationId })).trigger.saved?.version).toBe(2)
    })

    it('fails and changes nothing when BigCommerce refuses to remove it', async () => {
      const { service, fake, automationId } = await savedThenUnset()
      const before = await service.getAutomation({ automationId })
      const hooksBefore = fake.hooksOf('abc123')
      fake.failNext('deleteHook', new BackendError('upstream_error', 'BigCommerce answered 503.'))
      expect(await rejection(service.saveTrigger({ automationId }))).toMatchObject({ code: 'upstream_error' })
      const after = await service.getAutomation({ automationId })
      expect({ saved: after.trigger.saved, draft: after.trigger.draft }).toEqual({
        saved: before.trigger.saved,
        draft: before.trigger.draft,
      })
      expect(fake.hooksOf('abc123')).toEqual(hooksBefore)
    })
  })

  it('registers and saves header names without the spaces around them', async () => {
    const { service, fake, automationId, draft } = await configured()
    const spaced = { ...draft, headers: [{ name: ' X-Team ', value: ' ops ' }] }
    await service.updateTriggerDraft({ automationId, draft: spaced })
    const automation = await service.saveTrigger({ automationId })
    expect(automation.trigger.saved?.config.headers).toEqual([{ name: 'X-Team', value: ' ops ' }])
    expect(fake.hooksOf('abc123')[0]?.headers).toMatchObject({ 'X-Team': ' ops ' })
    expect(automation.trigger.draft.headers).toEqual(spaced.headers)
    expect(automation.trigger.differsFromSaved).toBe(false)
    const retyped = await service.updateTriggerDraft({ automationId, draft: { ...draft, headers: [{ name: 'X-Team', value: ' ops ' }] } })
    expect(retyped.trigger.differsFromSaved).toBe(false)
  })

  it('registers a hook at the trigger’s destination with the custom headers and the secret', async () => {
    const { service, storage, fake, automationId, triggerId } = await configured()
    const automation = await service.saveTrigger({ automationId })
    const destination = `${PUBLIC_URL}/hooks/bigcommerce/${triggerId}`
    const [hook] = fake.hooksOf('abc123')
    expect(hook).toMatchObject({
      scope: 'store/order/created',
      destination,
      is_active: true,
      headers: { 'X-Team': 'ops', [TRIGGER_SECRET_HEADER]: await secretOf(storage, automationId) },
    })
    expect(automation.trigger.saved?.webhook).toEqual({ status: 'registered', hookId: hook?.id, destination, detail: null })
    expect(automation.trigger.differsFromSaved).toBe(false)
    expect(await service.getInfo()).toEqual({ publicUrl: PUBLIC_URL, webhookHelp: null })
  })

  it('reuses the hook when saved again, and updates it when headers change', async () => {
    const { service, fake, automationId, draft } = await configured()
    await service.saveTrigger({ automationId })
    await service.saveTrigger({ automationId })
    expect(fake.hooksOf('abc123')).toHaveLength(1)
    expect(fake.callsTo('createHook')).toBe(1)
    expect(fake.callsTo('updateHook')).toBe(0)

    await service.updateTriggerDraft({ automationId, draft: { ...draft, headers: [{ name: 'X-Team', value: 'sales' }] } })
    const automation = await service.saveTrigger({ automationId })
    expect(fake.hooksOf('abc123')).toHaveLength(1)
    expect(fake.hooksOf('abc123')[0]?.headers?.['X-Team']).toBe('sales')
    expect(automation.trigger.saved?.version).toBe(3)
    const page = await service.listTriggerVersions({ automationId })
    expect(page.versions.map((saved) => saved.version)).toEqual([3, 2, 1])
  })

  it('moves the hook when the event changes: the new one first, then the old one goes', async () => {
    const { service, fake, automationId, draft } = await configured()
    const first = await service.saveTrigger({ automationId })
    await service.updateTriggerDraft({ automationId, draft: { ...draft, event: 'store/product/created' } })
    const second = await service.saveTrigger({ automationId })
    const hooks = fake.hooksOf('abc123')
    expect(hooks.map((hook) => hook.scope)).toEqual(['store/product/created'])
    expect(second.trigger.saved?.webhook.hookId).toBe(hooks[0]?.id)
    expect(second.trigger.saved?.webhook.hookId).not.toBe(first.trigger.saved?.webhook.hookId)
    const order = fake.calls.map((call) => call.method).filter((method) => method === 'createHook' || method === 'deleteHook')
    expect(order).toEqual(['createHook', 'createHook', 'deleteHook'])
  })

  it('moves the hook to another store when the account changes', async () => {
    const { service, fake, automationId, draft } = await configured()
    await service.saveTrigger({ automationId })
    const other = await service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'xyz789', accessToken: 'token-xyz9' })
    await service.updateTriggerDraft({ automationId, draft: { ...draft, accountId: other.id } })
    await service.saveTrigger({ automationId })
    expect(fake.hooksOf('abc123')).toEqual([])
    expect(fake.hooksOf('xyz789')).toHaveLength(1)
  })

  it('when BigCommerce refuses the new hook, the previous save and its hook stay exactly as they were', async () => {
    const { service, fake, automationId, draft } = await configured()
    const before = await service.saveTrigger({ automationId })
    const hooksBefore = fake.hooksOf('abc123')
    await service.updateTriggerDraft({ automationId, draft: { ...draft, event: 'store/product/created' } })
    fake.failNext('createHook', new BackendError('upstream_error', 'BigCommerce answered 500.'))

    expect(await rejection(service.saveTrigger({ automationId }))).toMatchObject({ code: 'upstream_error' })
    const after = await service.getAutomation({ automationId })
    expect(after.trigger.saved).toEqual(before.trigger.saved)
    expect(after.trigger.draft.event).toBe('store/product/created')
    expect(after.trigger.differsFromSaved).toBe(true)
    expect(fake.hooksOf('abc123')).toEqual(hooksBefore)
  })

  it('when removing the old hook fails, the new hook is taken back down', async () => {
    const { service, fake, automationId, draft } = await configured()
    const before = await service.saveTrigger({ automationId })
    const hooksBefore = fake.hooksOf('abc123')
    await service.updateTriggerDraft({ automationId, draft: { ...draft, event: 'store/customer/created' } })
    fake.failNext('deleteHook', new BackendError('rate_limited', 'Too many requests.'))

    expect(await rejection(service.saveTrigger({ automationId }))).toMatchObject({ code: 'rate_limited' })
    expect(fake.hooksOf('abc123')).toEqual(hooksBefore)
    expect((await service.getAutomation({ automationId })).trigger.saved).toEqual(before.trigger.saved)
  })

  it('when updating an existing hook fails, the hook keeps its headers', async () => {
    const { service, fake, automationId, draft } = await configured()
    const before = await service.saveTrigger({ automationId })
    const hooksBefore = fake.hooksOf('abc123')
    await service.updateTriggerDraft({ automationId, draft: { ...draft, headers: [] } })
    fake.failNext('updateHook', new BackendError('upstream_error', 'BigCommerce answered 503.'))
    expect(await rejection(service.saveTrigger({ automationId }))).toMatchObject({ code: 'upstream_error' })
    expect(fake.hooksOf('abc123')).toEqual(hooksBefore)
    expect((await service.getAutomation({ automationId })).trigger.saved).toEqual(before.trigger.saved)
  })

  it('adopts a hook that already exists for the destination instead of creating another', async () => {
    const { service, fake, storage, automationId, triggerId } = await configured()
    const existing = await fake.platform.createHook(
      { storeHash: 'abc123', accessToken: 'token-abc1' },
      { scope: 'store/order/created', destination: `${PUBLIC_URL}/hooks/bigcommerce/${triggerId}`, headers: {} },
    )
    const automation = await service.saveTrigger({ automationId })
    expect(automation.trigger.saved?.webhook.hookId).toBe(existing.id)
    expect(fake.hooksOf('abc123')).toHaveLength(1)
    expect(fake.hooksOf('abc123')[0]?.headers?.[TRIGGER_SECRET_HEADER]).toBe(await secretOf(storage, automationId))
  })
})

describe('revertTrigger', () => {
  it('restores the draft exactly to the saved configuration, leaving a hook in step as it is', async () => {
    const { service, fake, automationId, draft } = await configured()
    const saved = (await service.saveTrigger({ automationId })).trigger.saved
    await service.updateTriggerDraft({
      automationId,
      draft: {
        ...draft,
        event: 'store/cart/converted',
        headers: [
          { name: 'X-Other', value: 'x' },
          { name: '', value: '' },
        ],
      },
    })
    const hooksBefore = fake.hooksOf('abc123')

    const reverted = await service.revertTrigger({ automationId })
    expect(reverted.trigger.draft).toEqual({ stage: 'configureTrigger', ...saved?.config })
    expect(reverted.trigger.saved).toEqual(saved)
    expect(reverted.trigger.differsFromSaved).toBe(false)
    // The reconciler looked (reconciler.test.ts shows what it clears up) and changed nothing.
    expect(fake.hooksOf('abc123')).toEqual(hooksBefore)
    expect(reverted.trigger.health?.actions).toEqual([])
  })

  it('says there is nothing to revert to before the first save', async () => {
    const { service, automationId } = await configured()
    expect(await rejection(service.revertTrigger({ automationId }))).toMatchObject({ code: 'conflict' })
  })
})
