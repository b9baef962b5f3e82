// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { BackendError } from '../../contract/errors'
import { configured, rejection, secretOf, setup } from './service-fixtures'

describe('createAutomation', () => {
  it('starts with an empty draft at the connector stage and nothing saved', async () => {
    const { service } = setup()
    const automation = await service.createAutomation({ name: 'Orders' })
    expect(automation.name).toBe('Orders')
    expect(automation.trigger.draft).toEqual({
      stage: 'connector',
      connector: null,
      trigger: null,
      accountId: null,
      event: null,
      headers: [],
    })
    expect(automation.trigger.saved).toBeNull()
    expect(automation.trigger.differsFromSaved).toBe(false)
    expect(await service.listAutomations()).toHaveLength(1)
  })

  it('gives every automation its own trigger id and secret', async () => {
    const { service, storage } = setup()
    const first = await service.createAutomation({ name: 'A' })
    const second = await service.createAutomation({ name: 'B' })
    expect(first.trigger.id).not.toBe(second.trigger.id)
    const secret = await secretOf(storage, first.id)
    expect(secret).toMatch(/^[0-9a-f]{64}$/)
    expect(secret).not.toBe(await secretOf(storage, second.id))
  })

  it('answers not_found for an unknown automation', async () => {
    const { service } = setup()
    expect(await rejection(service.getAutomation({ automationId: 'nope' }))).toMatchObject({ code: 'not_found' })
  })
})

describe('deleteAutomation', () => {
  it('removes its hook at BigCommerce and then the automation', async () => {
    const { service, fake, automationId } = await configured()
    await service.saveTrigger({ automationId })
    await service.deleteAutomation({ automationId })
    expect(fake.hooksOf('abc123')).toEqual([])
    expect(await service.listAutomations()).toEqual([])
  })

  it('treats a hook BigCommerce no longer has as already gone', async () => {
    const { service, fake, automationId } = await configured()
    await service.saveTrigger({ automationId })
    fake.failNext('deleteHook', new BackendError('not_found', 'No such hook.'))
    await service.deleteAutomation({ automationId })
    expect(await service.listAutomations()).toEqual([])
  })

  it('deletes the automation when BigCommerce cannot be reached, and removes the hook on a later run', async () => {
    const { service, fake, automationId } = await configured()
    await service.saveTrigger({ automationId })
    fake.failNext('deleteHook', new BackendError('upstream_error', 'BigCommerce did not answer.'))
    await service.deleteAutomation({ automationId })
    expect(await service.listAutomations()).toEqual([])
    expect(fake.hooksOf('abc123')).toHaveLength(1)
    expect(await service.reconcileAll()).toMatchObject({ triggers: 1, changes: 1, failed: 0 })
    expect(fake.hooksOf('abc123')).toEqual([])
  })
})
