// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { VERSIONS_PAGE_SIZE } from '../../contract/versions'
import { TRIGGER_SECRET_HEADER } from '../../contract/custom-headers'
import { BackendError } from '../../contract/errors'
import { configured, rejection, secretOf } from './service-fixtures'

describe('versions', () => {
  it('adds a version at every save, keeps them all and lists them newest first, a page at a time', async () => {
    const { service, automationId } = await configured()
    for (let save = 1; save <= VERSIONS_PAGE_SIZE + 5; save++) await service.saveTrigger({ automationId })
    const first = await service.listTriggerVersions({ automationId })
    expect(first.versions.map((version) => version.version)).toEqual(Array.from({ length: VERSIONS_PAGE_SIZE }, (_, index) => 25 - index))
    expect(first.nextBefore).toBe(6)
    const last = await service.listTriggerVersions({ automationId, before: 6 })
    expect(last).toMatchObject({
      versions: [{ version: 5 }, { version: 4 }, { version: 3 }, { version: 2 }, { version: 1 }],
      nextBefore: null,
    })
    expect(last.versions[4]).toEqual({
      version: 1,
      savedAt: '2026-01-01T00:00:03.000Z',
      config: {
        connector: 'bigcommerce',
        trigger: 'bigcommerce',
        accountId: expect.any(String),
        event: 'store/order/created',
        headers: [{ name: 'X-Team', value: 'ops' }],
      },
      webhook: { status: 'registered', hookId: null, destination: expect.stringContaining('/hooks/bigcommerce/'), detail: null },
      restoredFrom: null,
    })
    expect(await service.getTriggerVersion({ automationId, version: 1 })).toEqual(last.versions[4])
  })

  it('keeps no version of a save BigCommerce refused', async () => {
    const { service, fake, automationId, draft } = await configured()
    await service.saveTrigger({ automationId })
    await service.updateTriggerDraft({ automationId, draft: { ...draft, event: 'store/product/created' } })
    fake.failNext('createHook', new BackendError('upstream_error', 'BigCommerce answered 500.'))
    await rejection(service.saveTrigger({ automationId }))
    expect((await service.listTriggerVersions({ automationId })).versions.map((version) => version.version)).toEqual([1])
    // The number goes to the next save that sticks.
    expect((await service.saveTrigger({ automationId })).trigger.saved?.version).toBe(2)
  })

  it('restores a version into the draft; saving it moves the hook back, keeps the secret and says where it came from', async () => {
    const { service, storage, fake, automationId, draft } = await configured()
    await service.saveTrigger({ automationId })
    await service.updateTriggerDraft({
      automationId,
      draft: { ...draft, event: 'store/product/created', headers: [{ name: 'X-Other', value: 'x' }] },
    })
    await service.saveTrigger({ automationId })
    const secret = await secretOf(storage, automationId)

    const restored = await service.restoreTriggerVersion({ automationId, version: 1 })
    expect(restored.trigger.draft).toEqual({ ...draft, stage: 'configureTrigger' })
    expect(restored.trigger.draftRestoredFrom).toBe(1)
    expect(restored.trigger.differsFromSaved).toBe(true)
    // Nothing changes at BigCommerce until the restored draft is saved.
    expect(fake.hooksOf('abc123').map((hook) => hook.scope)).toEqual(['store/product/created'])

    const saved = await service.saveTrigger({ automationId })
    expect(saved.trigger.saved).toMatchObject({ version: 3, restoredFrom: 1, config: { event: 'store/order/created' } })
    expect(saved.trigger.draftRestoredFrom).toBeNull()
    const hooks = fake.hooksOf('abc123')
    expect(hooks).toHaveLength(1)
    expect(hooks[0]).toMatchObject({ scope: 'store/order/created', headers: { 'X-Team': 'ops', [TRIGGER_SECRET_HEADER]: secret } })
    expect((await service.getTriggerVersion({ automationId, version: 3 })).restoredFrom).toBe(1)
  })

  it('restores nothing to record from the version in effect, nor after a revert', async () => {
    const { service, automationId } = await configured()
    await service.saveTrigger({ automationId })
    await service.saveTrigger({ automationId })
    expect((await service.restoreTriggerVersion({ automationId, version: 2 })).trigger.draftRestoredFrom).toBeNull()
    await service.restoreTriggerVersion({ automationId, version: 1 })
    expect((await service.revertTrigger({ automationId })).trigger.draftRestoredFrom).toBeNull()
    expect((await service.saveTrigger({ automationId })).trigger.saved?.restoredFrom).toBeNull()
  })

  it('does not know a version that was never saved', async () => {
    const { service, automationId } = await configured()
    await service.saveTrigger({ automationId })
    for (const attempt of [
      service.getTriggerVersion({ automationId, version: 2 }),
      service.restoreTriggerVersion({ automationId, version: 2 }),
      service.diffTriggerVersions({ automationId, from: 2, to: 1 }),
    ]) {
      expect(await rejection(attempt)).toMatchObject({ code: 'not_found', message: 'This trigger has no version 2.' })
    }
  })

  it('diffs two versions, or a version and the draft, naming the stores', async () => {
    const { service, automationId, draft } = await configured()
    await service.saveTrigger({ automationId })
    const other = await service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'xyz789', accessToken: 'token-xyz9' })
    await service.updateTriggerDraft({
      automationId,
      draft: { ...draft, accountId: other.id, headers: [{ name: 'X-Api-Key', value: 'k-123' }] },
    })
    await service.saveTrigger({ automationId })
    await service.updateTriggerDraft({ automationId, draft: { ...draft, event: 'store/sku/created' } })

    const between = await service.diffTriggerVersions({ automationId, from: 1, to: 2 })
    expect(between).toEqual({
      from: 1,
      to: 2,
      diff: {
        account: {
          from: {
            id: draft.accountId,
            store: { name: 'Store abc123', storeName: 'Store abc123', storeHash: 'abc123', tokenMask: '••••••••abc1' },
          },
          to: { id: other.id, store: { name: 'Store xyz789', storeName: 'Store xyz789', storeHash: 'xyz789', tokenMask: '••••••••xyz9' } },
        },
        event: null,
        headers: [
          { change: 'removed', name: 'X-Team', previousName: null, from: 'ops', to: null, valueChanged: true, secret: false },
          { change: 'added', name: 'X-Api-Key', previousName: null, from: null, to: '••••', valueChanged: true, secret: true },
        ],
      },
    })
    const toDraft = await service.diffTriggerVersions({ automationId, from: 1, to: 'draft' })
    expect(toDraft.diff).toEqual({ account: null, event: { from: 'store/order/created', to: 'store/sku/created' }, headers: [] })
  })
})
