// @vitest-environment node
import { Webhook } from 'standardwebhooks'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LISTEN_TIMEOUT_MS, missingChoiceMessages, VERSIONS_PAGE_SIZE, type ListenReady, type TriggerDraft } from '../contract/api'
import { TRIGGER_SECRET_HEADER } from '../contract/custom-headers'
import { BackendError } from '../contract/errors'
import type { EventScope } from '../contract/events'
import { createMemoryStorage } from './memory-storage'
import { fakePlatform } from './fake-store-platform'
import { createTriggerService, timeOrderedId } from './trigger-service'

const PUBLIC_URL = 'https://triggers.example.com'
const HELP = 'Set PUBLIC_URL so BigCommerce can reach this app.'

/** The clock moves a second at each reading, unless the test brings its own. */
function setup({ publicUrl = PUBLIC_URL, now }: { publicUrl?: string | null; now?: () => Date } = {}) {
  const fake = fakePlatform()
  const storage = createMemoryStorage()
  let tick = 0
  const service = createTriggerService({
    storage,
    platform: fake.platform,
    config: { publicUrl, webhookHelp: HELP, now: now ?? (() => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++))) },
  })
  return { fake, storage, service }
}

async function rejection(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof BackendError) return error
    throw error
  }
  throw new Error('Expected a rejection')
}

/** An automation with an authorized account and a complete draft for `event`. */
async function configured(event: EventScope = 'store/order/created', options: Parameters<typeof setup>[0] = {}) {
  const context = setup(options)
  const { service } = context
  const account = await service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'token-abc1' })
  const automation = await service.createAutomation({ name: 'New orders' })
  const draft: TriggerDraft = {
    stage: 'configureTrigger',
    connector: 'bigcommerce',
    trigger: 'bigcommerce',
    accountId: account.id,
    event,
    headers: [{ name: 'X-Team', value: 'ops' }],
  }
  await service.updateTriggerDraft({ automationId: automation.id, draft })
  return { ...context, account, automationId: automation.id, triggerId: automation.trigger.id, draft }
}

async function secretOf(storage: ReturnType<typeof createMemoryStorage>, automationId: string): Promise<string> {
  const record = await storage.getAutomation(automationId)
  if (!record) throw new Error('missing automation')
  return record.trigger.secret
}

function delivery(overrides: Record<string, unknown> = {}) {
  return {
    scope: 'store/order/created',
    store_id: '555',
    data: { type: 'order', id: 7 },
    hash: 'h-1',
    created_at: 1767225600,
    producer: 'stores/abc123',
    ...overrides,
  }
}

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

describe('authorizeAccount', () => {
  it('normalises a pasted API path and answers a mask, never the token', async () => {
    const { service } = setup()
    const account = await service.authorizeAccount({
      connector: 'bigcommerce',
      storeHash: 'https://api.bigcommerce.com/stores/ABC123/v3/',
      accessToken: 'token-abc1',
    })
    expect(account).toMatchObject({ storeHash: 'abc123', storeName: 'Store abc123', tokenMask: '••••••••abc1', signatureChecked: false })
    expect(JSON.stringify(account)).not.toContain('token-abc1')
    expect(JSON.stringify(await service.listAccounts())).not.toContain('token-abc1')
  })

  it('reports a bad store hash at storeHash without calling BigCommerce', async () => {
    const { service, fake } = setup()
    const error = await rejection(service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'no way!', accessToken: 'token-abc1' }))
    expect(error).toMatchObject({ code: 'validation_failed', field: 'storeHash' })
    expect(fake.calls).toHaveLength(0)
  })

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['with a space inside', 'token abc1'],
    ['with a NUL', 'token\u0000abc1'],
    ['with a non-ASCII letter', 'token\u00e9abc1'],
    ['of 200 KB', 't'.repeat(200 * 1024)],
  ])('reports a token %s at accessToken without calling BigCommerce', async (_what, accessToken) => {
    const { service, fake } = setup()
    const error = await rejection(service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'abc123', accessToken }))
    expect(error).toMatchObject({ code: 'validation_failed', field: 'accessToken' })
    expect(fake.calls).toHaveLength(0)
  })

  it('stores a Client Secret for signature checks and never answers it; the same token again keeps it', async () => {
    const { service, storage, fake } = setup()
    const secret = 'h7g5f3d1s9a8p6o4i2u0y8t6r4e2w1q'
    const request = { connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'token-abc1' } as const
    const account = await service.authorizeAccount({ ...request, clientSecret: ` ${secret}\n` })
    expect(account).toMatchObject({ tokenMask: '••••••••abc1', signatureChecked: true })
    expect(JSON.stringify([account, await service.listAccounts()])).not.toContain(secret)
    expect((await storage.getAccount(account.id))?.clientSecret).toBe(secret)

    // Authorizing the same token without it (an empty field) must not switch the checks off.
    const again = await service.authorizeAccount({ ...request, clientSecret: '' })
    expect(again).toEqual({ ...account, lastVerifiedAt: again.lastVerifiedAt, readScopes: again.readScopes })
    expect((await storage.getAccount(account.id))?.clientSecret).toBe(secret)
    await service.authorizeAccount({ ...request, clientSecret: 'another-secret' })
    expect((await storage.getAccount(account.id))?.clientSecret).toBe('another-secret')

    const calls = fake.calls.length
    const error = await rejection(service.authorizeAccount({ ...request, clientSecret: 'two words' }))
    expect(error).toMatchObject({ code: 'validation_failed', field: 'clientSecret' })
    expect(error.message).not.toContain('two words')
    expect(fake.calls).toHaveLength(calls)
  })

  it('passes BigCommerce’s refusal through and stores nothing', async () => {
    const { service } = setup()
    const error = await rejection(service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'wrong-token' }))
    expect(error.code).toBe('invalid_credentials')
    expect(await service.listAccounts()).toEqual([])
  })

  it('returns the existing account for the same store and token, with the store’s current name', async () => {
    const { service, fake } = setup()
    const first = await service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'token-abc1' })
    fake.platform.verifyCredentials = async () => ({ storeName: 'Renamed', storeId: '555' })
    const again = await service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'store-abc123', accessToken: ' token-abc1 ' })
    expect(again).toMatchObject({ id: first.id, storeName: 'Renamed' })
    expect(await service.listAccounts()).toHaveLength(1)
  })

  it('adds another token of the same store as another account, leaving the first one’s token alone', async () => {
    const { service, storage, fake, automationId } = await configured()
    await service.saveTrigger({ automationId })
    const [full] = await service.listAccounts()
    fake.platform.verifyCredentials = async () => ({ storeName: 'Store abc123', storeId: null })
    const limited = await service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'read-only-k2f9' })

    expect(limited.id).not.toBe(full?.id)
    expect((await service.listAccounts()).map((account) => account.tokenMask)).toEqual(['••••••••abc1', '••••••••k2f9'])
    expect((await storage.getAccount(full?.id ?? ''))?.accessToken).toBe('token-abc1')
    // The saved trigger still reaches BigCommerce with the token it was saved with.
    await service.deleteAutomation({ automationId })
    expect(fake.hooksOf('abc123')).toEqual([])
  })

  it('adds one account when the same token is submitted twice at once', async () => {
    const { service } = setup()
    const request = { connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'token-abc1' } as const
    const [first, second] = await Promise.all([service.authorizeAccount(request), service.authorizeAccount(request)])
    expect(second?.id).toBe(first?.id)
    expect(await service.listAccounts()).toHaveLength(1)
  })
})

describe('what a token may read', () => {
  it('is checked per area as it is authorized, and kept with the account and the time', async () => {
    const { service, fake } = setup()
    fake.setUnreadable('token-abc1', ['products'])
    const account = await service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'token-abc1' })
    expect(account.readScopes).toEqual({
      checkedAt: account.lastVerifiedAt,
      areas: { products: 'missing', orders: 'granted', customers: 'granted' },
    })
    expect(fake.callsTo('canRead')).toBe(3)
    expect((await service.listAccounts())[0]?.readScopes).toEqual(account.readScopes)
  })

  it('says unknown for an area whose check failed otherwise, and still authorizes the token', async () => {
    const { service, fake } = setup()
    fake.failNext('canRead', new BackendError('upstream_error', 'BigCommerce answered 503.'))
    const account = await service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'token-abc1' })
    expect(Object.values(account.readScopes?.areas ?? {}).sort()).toEqual(['granted', 'granted', 'unknown'])
  })
})

describe('accounts', () => {
  const request = { connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'token-abc1' } as const

  it('lists the automations whose draft or saved trigger uses each account', async () => {
    const { service, account, automationId, draft } = await configured()
    const other = await service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'xyz789', accessToken: 'token-xyz9' })
    expect((await service.listAccounts()).map((listed) => listed.usedBy)).toEqual([[{ id: automationId, name: 'New orders' }], []])

    // Saved with the first account, the draft moved to the other: both are in use.
    await service.saveTrigger({ automationId })
    await service.updateTriggerDraft({ automationId, draft: { ...draft, accountId: other.id } })
    const listed = await service.listAccounts()
    expect(listed.map((entry) => [entry.id, entry.usedBy.length])).toEqual([
      [account.id, 1],
      [other.id, 1],
    ])
  })

  describe('renameAccount', () => {
    it('names the account as the user likes; the store name stays, and authorizing again keeps the name', async () => {
      const { service } = setup()
      const account = await service.authorizeAccount(request)
      expect(account.name).toBe('Store abc123')
      const renamed = await service.renameAccount({ accountId: account.id, name: 'Main shop' })
      expect(renamed).toMatchObject({ id: account.id, name: 'Main shop', storeName: 'Store abc123' })
      expect((await service.authorizeAccount(request)).name).toBe('Main shop')
    })

    it('does not know an account that is gone', async () => {
      const { service } = setup()
      expect(await rejection(service.renameAccount({ accountId: 'nope', name: 'X' }))).toMatchObject({ code: 'not_found' })
    })
  })

  describe('replaceAccountToken', () => {
    it('refuses a token BigCommerce does not take for the account’s store, keeping the current one', async () => {
      const { service, storage } = setup()
      const account = await service.authorizeAccount(request)
      // xyz789's token is refused at abc123, as BigCommerce refuses another store's token.
      const error = await rejection(service.replaceAccountToken({ accountId: account.id, accessToken: 'token-xyz9' }))
      expect(error).toMatchObject({ code: 'invalid_credentials', field: 'accessToken' })
      expect(error.message).toBe(
        'BigCommerce did not accept this Access Token for Store abc123 (store abc123): it may be a token of another store, or its API account may have been deleted. The current token is kept.',
      )
      expect((await storage.getAccount(account.id))?.accessToken).toBe('token-abc1')
    })

    it('refuses a token whose store id is another store’s', async () => {
      const { service, fake, storage } = setup()
      const account = await service.authorizeAccount(request)
      fake.addToken('abc123', 'token-abc2')
      fake.setStoreId('abc123', '999')
      const error = await rejection(service.replaceAccountToken({ accountId: account.id, accessToken: 'token-abc2' }))
      expect(error).toMatchObject({ code: 'validation_failed', field: 'accessToken' })
      expect(error.message).toContain('This Access Token is for another store (store id 999), not Store abc123 (store id 555).')
      expect((await storage.getAccount(account.id))?.accessToken).toBe('token-abc1')
    })

    it('refuses a malformed token without asking BigCommerce, and one another account already has', async () => {
      const { service, fake } = setup()
      const account = await service.authorizeAccount(request)
      fake.addToken('abc123', 'token-abc2')
      const second = await service.authorizeAccount({ ...request, accessToken: 'token-abc2' })
      const calls = fake.calls.length
      expect(await rejection(service.replaceAccountToken({ accountId: account.id, accessToken: 'a b' }))).toMatchObject({
        code: 'validation_failed',
        field: 'accessToken',
      })
      expect(fake.calls).toHaveLength(calls)
      const twin = await rejection(service.replaceAccountToken({ accountId: account.id, accessToken: ' token-abc2 ' }))
      expect(twin).toMatchObject({ code: 'validation_failed', field: 'accessToken' })
      expect(twin.message).toContain(`already authorized here, as ${second.name}`)
    })

    it('takes another token of the same store, moving the saved trigger’s hook to its API account', async () => {
      const { service, fake, storage, account, automationId } = await configured()
      await service.saveTrigger({ automationId })
      const destination = (await service.getAutomation({ automationId })).trigger.saved?.webhook.destination ?? ''
      fake.addToken('abc123', 'token-abc2')
      fake.setUnreadable('token-abc2', ['customers'])

      const replaced = await service.replaceAccountToken({ accountId: account.id, accessToken: 'token-abc2' })
      expect(replaced).toMatchObject({ id: account.id, tokenMask: '••••••••abc2' })
      expect(replaced.lastVerifiedAt > account.lastVerifiedAt).toBe(true)
      expect(replaced.readScopes?.areas.customers).toBe('missing')
      expect(JSON.stringify(replaced)).not.toContain('token-abc2')
      expect((await storage.getAccount(account.id))?.accessToken).toBe('token-abc2')
      // One hook in the store, and it is the new token's: the old API account's is gone.
      expect(fake.hooksOf('abc123')).toHaveLength(1)
      expect(await fake.platform.listHooksAt({ storeHash: 'abc123', accessToken: 'token-abc2' }, destination)).toHaveLength(1)
      expect(await fake.platform.listHooksAt({ storeHash: 'abc123', accessToken: 'token-abc1' }, destination)).toEqual([])
      expect((await service.getTriggerHealth({ automationId })).status).toBe('registered')
    })

    it('takes a new token after the old one’s API account was deleted (with its hooks)', async () => {
      const { service, fake, account, automationId } = await configured()
      await service.saveTrigger({ automationId })
      fake.addToken('abc123', 'token-abc2')
      fake.revokeToken('abc123', 'token-abc1')
      expect(fake.hooksOf('abc123')).toEqual([])

      await service.replaceAccountToken({ accountId: account.id, accessToken: 'token-abc2' })
      expect(fake.hooksOf('abc123')).toHaveLength(1)
      expect((await service.getTriggerHealth({ automationId })).status).toBe('registered')
    })

    it('keeps the current token, and its hook, when the old hook cannot be removed', async () => {
      const { service, fake, storage, account, automationId } = await configured()
      await service.saveTrigger({ automationId })
      fake.addToken('abc123', 'token-abc2')
      fake.failNext('deleteHook', new BackendError('upstream_error', 'BigCommerce answered 503.'))

      expect(await rejection(service.replaceAccountToken({ accountId: account.id, accessToken: 'token-abc2' }))).toMatchObject({
        code: 'upstream_error',
      })
      expect((await storage.getAccount(account.id))?.accessToken).toBe('token-abc1')
      expect(fake.hooksOf('abc123')).toHaveLength(1)
      expect((await service.getTriggerHealth({ automationId })).status).toBe('registered')
    })

    it('drops the old API account’s Client Secret with its token, unless a new one comes with the new token', async () => {
      const { service, fake, storage } = setup()
      const account = await service.authorizeAccount({ ...request, clientSecret: 'secret-of-abc1' })
      expect(account.signatureChecked).toBe(true)
      // The same token: the secret stays.
      expect((await service.replaceAccountToken({ accountId: account.id, accessToken: 'token-abc1' })).signatureChecked).toBe(true)
      fake.addToken('abc123', 'token-abc2')
      fake.addToken('abc123', 'token-abc3')
      const bare = await service.replaceAccountToken({ accountId: account.id, accessToken: 'token-abc2' })
      expect(bare.signatureChecked).toBe(false)
      expect((await storage.getAccount(account.id))?.clientSecret).toBeUndefined()
      const signed = await service.replaceAccountToken({
        accountId: account.id,
        accessToken: 'token-abc3',
        clientSecret: ' secret-of-abc3 ',
      })
      expect(signed.signatureChecked).toBe(true)
      expect((await storage.getAccount(account.id))?.clientSecret).toBe('secret-of-abc3')
      expect(JSON.stringify(signed)).not.toContain('secret-of-abc3')
      expect(
        await rejection(service.replaceAccountToken({ accountId: account.id, accessToken: 'token-abc2', clientSecret: 'two words' })),
      ).toMatchObject({ code: 'validation_failed', field: 'clientSecret' })
    })

    it('checks the same token again without touching hooks', async () => {
      const { service, fake, account, automationId } = await configured()
      await service.saveTrigger({ automationId })
      const [hook] = fake.hooksOf('abc123')
      const again = await service.replaceAccountToken({ accountId: account.id, accessToken: 'token-abc1' })
      expect(again.lastVerifiedAt > account.lastVerifiedAt).toBe(true)
      expect(fake.hooksOf('abc123')).toEqual([hook])
    })
  })

  describe('deleteAccount', () => {
    it('is refused while automations use the account, naming them', async () => {
      const { service, account, draft } = await configured()
      const second = await service.createAutomation({ name: 'Big orders' })
      await service.updateTriggerDraft({ automationId: second.id, draft })
      const error = await rejection(service.deleteAccount({ accountId: account.id }))
      expect(error).toMatchObject({ code: 'conflict' })
      expect(error.message).toBe(
        'Store abc123 is used by the automations “New orders” and “Big orders”, so it was not deleted. Choose another account in them, or delete them, first.',
      )
      expect(await service.listAccounts()).toHaveLength(1)
    })

    it('deletes an account nothing uses', async () => {
      const { service, account, automationId } = await configured()
      await service.deleteAutomation({ automationId })
      await service.deleteAccount({ accountId: account.id })
      expect(await service.listAccounts()).toEqual([])
      expect(await rejection(service.deleteAccount({ accountId: account.id }))).toMatchObject({ code: 'not_found' })
    })

    it('first removes a hook a deleted automation left with its token, and is refused while it cannot', async () => {
      const { service, fake, account, automationId } = await configured()
      await service.saveTrigger({ automationId })
      fake.failNext('deleteHook', new BackendError('upstream_error', 'BigCommerce answered 503.'))
      await service.deleteAutomation({ automationId })
      expect(fake.hooksOf('abc123')).toHaveLength(1)

      fake.failNext('deleteHook', new BackendError('upstream_error', 'BigCommerce answered 503.'))
      const error = await rejection(service.deleteAccount({ accountId: account.id }))
      expect(error).toMatchObject({ code: 'conflict' })
      expect(error.message).toContain('may still be at BigCommerce')

      await service.deleteAccount({ accountId: account.id })
      expect(fake.hooksOf('abc123')).toEqual([])
      expect(await service.listAccounts()).toEqual([])
    })
  })
})

describe('updateTriggerDraft and differsFromSaved', () => {
  it('keeps headers exactly as typed, even invalid ones', async () => {
    const { service, automationId, draft } = await configured()
    const typing = { ...draft, headers: [{ name: 'X Bad', value: '' }] }
    const automation = await service.updateTriggerDraft({ automationId, draft: typing })
    expect(automation.trigger.draft).toEqual(typing)
    expect((await service.getAutomation({ automationId })).trigger.draft.headers).toEqual([{ name: 'X Bad', value: '' }])
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

describe('testTrigger', () => {
  it('names the first missing choice', async () => {
    const { service, automationId, draft } = await configured()
    await service.updateTriggerDraft({ automationId, draft: { ...draft, event: null } })
    expect(await rejection(service.testTrigger({ automationId }))).toMatchObject({
      code: 'incomplete_trigger',
      field: 'event',
      message: 'Select an event.',
    })
    await service.updateTriggerDraft({ automationId, draft: { ...draft, accountId: null } })
    expect(await rejection(service.testTrigger({ automationId }))).toMatchObject({
      field: 'accountId',
      message: missingChoiceMessages.accountId,
    })
  })

  it('points at the header row to blame', async () => {
    const { service, automationId, draft } = await configured()
    const headers = [
      { name: 'X-Ok', value: '1' },
      { name: 'Bad Name', value: '2' },
    ]
    await service.updateTriggerDraft({ automationId, draft: { ...draft, headers } })
    expect(await rejection(service.testTrigger({ automationId }))).toMatchObject({ code: 'incomplete_trigger', field: 'headers.1.name' })
  })

  it('falls back to the documented sample with the store’s producer, saying the store has no such record', async () => {
    const { service, automationId } = await configured('store/sku/created')
    const test = await service.testTrigger({ automationId })
    expect(test).toMatchObject({
      source: 'sample',
      event: 'store/sku/created',
      payload: { scope: 'store/sku/created', producer: 'stores/abc123', data: { type: 'sku', id: 461 } },
      note: "Store abc123 has no SKU yet, so this is the example from BigCommerce's documentation.",
    })
  })

  it('prefers the store’s newest record, wrapped in the documented envelope', async () => {
    const { service, fake, automationId } = await configured()
    fake.setLatest('store/order/created', { data: { type: 'order', id: 42 }, createdAt: 1767225600 })
    const test = await service.testTrigger({ automationId })
    expect(test.source).toBe('live')
    expect(test.note).toBeNull()
    expect(test.payload).toEqual({
      scope: 'store/order/created',
      store_id: '555',
      data: { type: 'order', id: 42 },
      hash: expect.stringMatching(/^[0-9a-f]{40}$/),
      created_at: 1767225600,
      producer: 'stores/abc123',
    })
  })

  it('says a live payload’s store_id is the documented one when the store would not tell its id', async () => {
    const { service, fake, automationId, draft } = await configured()
    // The fake's xyz789 store answers no store id, as BigCommerce does when /v2/store is refused.
    const other = await service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'xyz789', accessToken: 'token-xyz9' })
    await service.updateTriggerDraft({ automationId, draft: { ...draft, accountId: other.id } })
    fake.setLatest('store/order/created', { data: { type: 'order', id: 42 }, createdAt: 1767225600 })
    const test = await service.testTrigger({ automationId })
    expect(test).toMatchObject({ source: 'live', payload: { store_id: '1025646', producer: 'stores/xyz789' } })
    expect(test.note).toBe(
      "This payload's store_id (1025646) is the documented example's: the API account behind this token may not read the store's details (GET /v2/store), so Store xyz789's real store id is unknown.",
    )
  })

  it('hashes live data as SHA-1 of its JSON', async () => {
    const { service, fake, automationId } = await configured()
    const data = { type: 'order', id: 42 }
    fake.setLatest('store/order/created', { data, createdAt: 1 })
    const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(JSON.stringify(data)))
    const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
    expect((await service.testTrigger({ automationId })).payload.hash).toBe(hex)
  })

  it('prefers a delivery BigCommerce really sent over everything else', async () => {
    const { service, storage, fake, automationId, triggerId } = await configured()
    fake.setLatest('store/order/created', { data: { type: 'order', id: 42 }, createdAt: 1 })
    await service.saveTrigger({ automationId })
    const secret = await secretOf(storage, automationId)
    await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ hash: 'older', data: { type: 'order', id: 1 } }) })
    await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ hash: 'newer', data: { type: 'order', id: 2 } }) })
    const test = await service.testTrigger({ automationId })
    expect(test.source).toBe('delivered')
    expect(test.note).toBeNull()
    expect(test.payload).toMatchObject({ hash: 'newer', data: { id: 2 } })
    const [newest] = (await service.listTriggerDeliveries({ automationId })).deliveries
    expect(test.deliveryId).toBe(newest?.id)
  })

  it('names no delivery when the payload is not one', async () => {
    const { service, automationId } = await configured()
    expect((await service.testTrigger({ automationId })).deliveryId).toBeNull()
  })

  it('ignores deliveries of another event than the draft’s', async () => {
    const { service, storage, automationId, triggerId, draft } = await configured()
    await service.saveTrigger({ automationId })
    await service.receiveDelivery({ triggerId, secretHeader: await secretOf(storage, automationId), body: delivery() })
    await service.updateTriggerDraft({ automationId, draft: { ...draft, event: 'store/product/created' } })
    expect((await service.testTrigger({ automationId })).source).toBe('sample')
  })

  it('shows the sample when the token lacks the read scope, naming the scope', async () => {
    const { service, fake, automationId } = await configured()
    fake.failNext('latestEventData', new BackendError('missing_scope', 'Orders: read-only is needed.'))
    expect(await service.testTrigger({ automationId })).toMatchObject({
      source: 'sample',
      note: "The API account behind this token lacks Orders: read-only (store_v2_orders_read_only), so this is the example from BigCommerce's documentation.",
    })
  })

  it('lets other BigCommerce failures through so the user can retry', async () => {
    const { service, fake, automationId } = await configured()
    fake.failNext('latestEventData', new BackendError('upstream_error', 'BigCommerce did not answer.'))
    expect(await rejection(service.testTrigger({ automationId }))).toMatchObject({ code: 'upstream_error' })
    expect((await service.testTrigger({ automationId })).source).toBe('sample')
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
    expect(fake.callsTo('createHook', 'findHooks')).toBe(0)
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

describe('receiveDelivery', () => {
  async function saved() {
    const context = await configured()
    await context.service.saveTrigger({ automationId: context.automationId })
    return { ...context, secret: await secretOf(context.storage, context.automationId) }
  }

  it('stores a delivery with the right secret, and counts the same hash again instead of storing it twice', async () => {
    const { service, triggerId, secret } = await saved()
    expect(await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery() })).toEqual({ status: 'stored' })
    expect(await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery() })).toEqual({ status: 'duplicate' })
    expect(await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery() })).toEqual({ status: 'duplicate' })
    const deliveries = await service.listDeliveries({ triggerId })
    expect(deliveries).toHaveLength(1)
    expect(deliveries[0]).toMatchObject({ payload: delivery(), duplicates: 2, authenticatedBy: 'secret' })
  })

  it.each([null, '', 'wrong', 'x'.repeat(64)])('refuses the secret %j and stores nothing', async (secretHeader) => {
    const { service, triggerId } = await saved()
    expect(await rejection(service.receiveDelivery({ triggerId, secretHeader, body: delivery() }))).toMatchObject({ code: 'unauthorized' })
    expect(await service.listDeliveries({ triggerId })).toEqual([])
  })

  it('shows the last refused delivery in the health until one is stored after it, writing one a minute at most', async () => {
    let now = new Date('2026-03-01T09:00:00.000Z')
    const { service, storage, automationId, triggerId } = await configured('store/order/created', { now: () => now })
    await service.saveTrigger({ automationId })
    const secret = await secretOf(storage, automationId)
    const health = () => service.getTriggerHealth({ automationId })
    expect(await health()).toMatchObject({ lastRefusal: null, needsAttention: false })

    await rejection(service.receiveDelivery({ triggerId, secretHeader: 'wrong', body: delivery() }))
    const wrongSecret = { at: '2026-03-01T09:00:00.000Z', reason: expect.stringContaining('header is missing or wrong') }
    expect(await health()).toMatchObject({ lastRefusal: wrongSecret, needsAttention: true })
    expect(JSON.stringify(await health())).not.toContain(secret)

    // Within the minute, another refusal writes nothing; after it, the newest is written.
    now = new Date('2026-03-01T09:00:30.000Z')
    await rejection(service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ producer: 'stores/xyz789' }) }))
    expect((await health()).lastRefusal).toEqual(wrongSecret)
    now = new Date('2026-03-01T09:01:00.000Z')
    await rejection(service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ producer: 'stores/xyz789' }) }))
    expect((await health()).lastRefusal).toEqual({
      at: '2026-03-01T09:01:00.000Z',
      reason: 'This delivery comes from a store the trigger does not listen to.',
    })

    // A delivery stored since: what caused the refusal was put right, so it is no longer shown.
    now = new Date('2026-03-01T09:02:00.000Z')
    await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery() })
    expect(await health()).toMatchObject({ lastRefusal: null, needsAttention: false, lastDeliveryAt: '2026-03-01T09:02:00.000Z' })
  })

  it('does not know an unknown trigger', async () => {
    const { service, secret } = await saved()
    expect(await rejection(service.receiveDelivery({ triggerId: 'other', secretHeader: secret, body: delivery() }))).toMatchObject({
      code: 'not_found',
    })
  })

  it('refuses a body that is not a BigCommerce callback, naming the field', async () => {
    const { service, triggerId, secret } = await saved()
    const error = await rejection(service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ hash: '' }) }))
    expect(error).toMatchObject({ code: 'validation_failed', field: 'hash' })
  })

  it('refuses a delivery from another store or for another event', async () => {
    const { service, triggerId, secret } = await saved()
    expect(
      await rejection(service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ producer: 'stores/xyz789' }) })),
    ).toMatchObject({ code: 'validation_failed', field: 'producer' })
    expect(
      await rejection(service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ scope: 'store/product/created' }) })),
    ).toMatchObject({ code: 'validation_failed', field: 'scope' })
    expect(await service.listDeliveries({ triggerId })).toEqual([])
  })
})

describe('receiveDelivery with a Client Secret', () => {
  const CLIENT_SECRET = 'h7g5f3d1s9a8p6o4i2u0y8t6r4e2w1q'
  const NOW = new Date('2026-01-01T12:00:00Z')

  // The signatures' 5-minute window is the package's, read from Date.now(): only Date is faked.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
  })
  afterEach(() => vi.useRealTimers())

  async function signedTrigger(clientSecret: string | undefined) {
    const context = setup()
    const { service } = context
    const account = await service.authorizeAccount({
      connector: 'bigcommerce',
      storeHash: 'abc123',
      accessToken: 'token-abc1',
      clientSecret,
    })
    const automation = await service.createAutomation({ name: 'Signed orders' })
    await service.updateTriggerDraft({
      automationId: automation.id,
      draft: {
        stage: 'test',
        connector: 'bigcommerce',
        trigger: 'bigcommerce',
        accountId: account.id,
        event: 'store/order/created',
        headers: [],
      },
    })
    await service.saveTrigger({ automationId: automation.id })
    return { ...context, triggerId: automation.trigger.id, secret: await secretOf(context.storage, automation.id) }
  }

  /** Signed as BigCommerce's sample verifies: `new Webhook(base64(CLIENT_SECRET))`. */
  function signed(body: Record<string, unknown>, { at = NOW, key = CLIENT_SECRET, id = 'msg_1' } = {}) {
    const rawBody = JSON.stringify(body)
    const signature = new Webhook(btoa(key)).sign(id, at, rawBody)
    return { body, signed: { rawBody, headers: { id, timestamp: String(Math.floor(at.getTime() / 1000)), signature } } }
  }

  it('stores a delivery BigCommerce signed with the account’s Client Secret', async () => {
    const { service, triggerId, secret } = await signedTrigger(CLIENT_SECRET)
    expect(await service.receiveDelivery({ triggerId, secretHeader: secret, ...signed(delivery()) })).toEqual({ status: 'stored' })
    // Four minutes late is still within the window.
    const late = signed(delivery({ hash: 'h-2' }), { at: new Date(NOW.getTime() - 4 * 60_000) })
    expect(await service.receiveDelivery({ triggerId, secretHeader: secret, ...late })).toEqual({ status: 'stored' })
  })

  it.each([
    ['an altered body', () => ({ ...signed(delivery()), body: delivery({ data: { type: 'order', id: 8 } }) }), 'does not match'],
    ['another key', () => signed(delivery(), { key: 'not-the-client-secret' }), 'does not match'],
    ['a timestamp 6 minutes old', () => signed(delivery(), { at: new Date(NOW.getTime() - 6 * 60_000) }), 'more than 5 minutes old'],
    ['a timestamp 6 minutes ahead', () => signed(delivery(), { at: new Date(NOW.getTime() + 6 * 60_000) }), 'more than 5 minutes ahead'],
  ])('refuses a signature over %s with 401 and stores nothing', async (_what, make, words) => {
    const { service, triggerId, secret } = await signedTrigger(CLIENT_SECRET)
    const input = make()
    // The altered body keeps the signature made for the original one.
    const forged = { ...input, signed: { ...input.signed, rawBody: JSON.stringify(input.body) } }
    const error = await rejection(service.receiveDelivery({ triggerId, secretHeader: secret, ...forged }))
    expect(error).toMatchObject({ code: 'unauthorized', message: expect.stringContaining(words) })
    expect(error.message).not.toContain(CLIENT_SECRET)
    expect(await service.listDeliveries({ triggerId })).toEqual([])
  })

  it('still needs the secret header beside a good signature', async () => {
    const { service, triggerId } = await signedTrigger(CLIENT_SECRET)
    expect(await rejection(service.receiveDelivery({ triggerId, secretHeader: 'wrong', ...signed(delivery()) }))).toMatchObject({
      code: 'unauthorized',
    })
  })

  it('checks the secret header alone for an unsigned delivery, or for an account without a Client Secret', async () => {
    const withSecret = await signedTrigger(CLIENT_SECRET)
    expect(
      await withSecret.service.receiveDelivery({ triggerId: withSecret.triggerId, secretHeader: withSecret.secret, body: delivery() }),
    ).toEqual({
      status: 'stored',
    })
    const without = await signedTrigger(undefined)
    const unverifiable = signed(delivery(), { key: 'whatever-bigcommerce-used' })
    expect(await without.service.receiveDelivery({ triggerId: without.triggerId, secretHeader: without.secret, ...unverifiable })).toEqual({
      status: 'stored',
    })
  })
})

describe('listTriggerDeliveries', () => {
  it('lists the last 10 deliveries newest first, as received', async () => {
    const { service, storage, automationId, triggerId } = await configured()
    expect(await service.listTriggerDeliveries({ automationId })).toEqual({ deliveries: [], nextCursor: null })
    await service.saveTrigger({ automationId })
    const secret = await secretOf(storage, automationId)
    for (let index = 1; index <= 12; index++) {
      await service.receiveDelivery({
        triggerId,
        secretHeader: secret,
        body: delivery({ hash: `h-${index}`, data: { type: 'order', id: index } }),
      })
    }
    const { deliveries: listed, nextCursor } = await service.listTriggerDeliveries({ automationId })
    expect(listed).toHaveLength(10)
    expect(listed.map((entry) => entry.payload.data.id)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3])
    expect(listed[0]).toEqual({
      id: expect.any(String),
      receivedAt: expect.any(String),
      payload: delivery({ hash: 'h-12', data: { type: 'order', id: 12 } }),
      duplicates: 0,
      authenticatedBy: 'secret',
    })
    const rest = await service.listTriggerDeliveries({ automationId, cursor: nextCursor ?? '' })
    expect(rest.deliveries.map((entry) => entry.payload.data.id)).toEqual([2, 1])
    expect(rest.nextCursor).toBeNull()
  })

  it('filters by time and by text inside the payload, and opens one delivery by id', async () => {
    const { service, storage, automationId, triggerId } = await configured()
    await service.saveTrigger({ automationId })
    const secret = await secretOf(storage, automationId)
    for (const id of [101, 202, 303]) {
      await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ hash: `h-${id}`, data: { type: 'order', id } }) })
    }
    const all = (await service.listTriggerDeliveries({ automationId })).deliveries
    const [third, second, first] = all
    if (!first || !second || !third) throw new Error('expected three deliveries')
    const ids = async (query: Parameters<typeof service.listTriggerDeliveries>[0]) =>
      (await service.listTriggerDeliveries(query)).deliveries.map((entry) => entry.payload.data.id)
    expect(await ids({ automationId, search: '"id":202' })).toEqual([202])
    expect(await ids({ automationId, search: 'H-30' })).toEqual([303])
    expect(await ids({ automationId, from: second.receivedAt })).toEqual([303, 202])
    expect(await ids({ automationId, to: second.receivedAt })).toEqual([101])
    expect(await ids({ automationId, event: 'store/product/created' })).toEqual([])
    expect(await service.getTriggerDelivery({ automationId, deliveryId: first.id })).toEqual(first)
    expect(await rejection(service.getTriggerDelivery({ automationId, deliveryId: 'gone' }))).toMatchObject({ code: 'not_found' })
  })

  it('refuses a cursor it did not write, at the field', async () => {
    const { service, automationId } = await configured()
    expect(await rejection(service.listTriggerDeliveries({ automationId, cursor: 'bm9wZQ' }))).toMatchObject({
      code: 'validation_failed',
      field: 'cursor',
    })
  })

  it('does not know an unknown automation', async () => {
    const { service } = setup()
    expect(await rejection(service.listTriggerDeliveries({ automationId: 'nope' }))).toMatchObject({ code: 'not_found' })
  })
})

describe('fetchTriggerResource', () => {
  const product = (overrides: Record<string, unknown> = {}) =>
    delivery({ scope: 'store/product/created', data: { type: 'product', id: 205 }, ...overrides })

  it('fetches the record behind the payload from the trigger’s store, saying which call it made', async () => {
    const { service, fake, automationId } = await configured('store/product/created')
    fake.setResource({ type: 'product', id: 205 }, { id: 205, name: 'Tote' })
    const resource = await service.fetchTriggerResource({ automationId, payload: product() })
    expect(resource).toEqual({
      resource: { id: 205, name: 'Tote' },
      fetchedAt: expect.stringMatching(/^2026-01-01T/),
      request: 'GET Product 205',
      readScope: { label: 'Products: read-only', parameter: 'store_v2_products_read_only' },
    })
    expect(fake.calls.at(-1)).toEqual({ method: 'fetchEventRecord', storeHash: 'abc123' })
  })

  it.each([
    ['store/order/created', { type: 'order', id: 9 }, 'GET Order 9', 'Orders: read-only'],
    ['store/cart/converted', { type: 'cart', id: 'c-1', orderId: 9 }, 'GET Order 9 (from cart c-1)', 'Orders: read-only'],
    ['store/customer/created', { type: 'customer', id: 4 }, 'GET Customer 4', 'Customers: read-only'],
    ['store/shipment/created', { type: 'shipment', id: 3, orderId: 9 }, 'GET Shipment 3 of order 9', 'Orders: read-only'],
    [
      'store/sku/created',
      { type: 'sku', id: 461, sku: { product_id: 206, variant_id: 509 } },
      'GET Variant 509 of product 206',
      'Products: read-only',
    ],
  ])('names the record of %s and shows the request the platform says it made', async (scope, data, request, label) => {
    const { service, fake, automationId } = await configured()
    fake.setResource(data, { id: 1 })
    const resource = await service.fetchTriggerResource({ automationId, payload: delivery({ scope, data }) })
    expect(resource).toMatchObject({ request, readScope: { label } })
  })

  it('uses the saved configuration’s store for its deliveries, and the draft’s for its tests', async () => {
    const { service, fake, automationId, draft } = await configured('store/product/created')
    await service.saveTrigger({ automationId })
    const other = await service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'xyz789', accessToken: 'token-xyz9' })
    await service.updateTriggerDraft({ automationId, draft: { ...draft, accountId: other.id } })
    fake.setResource({ type: 'product', id: 205 }, { id: 205 })
    await service.fetchTriggerResource({ automationId, payload: product() })
    await service.fetchTriggerResource({ automationId, payload: product({ producer: 'stores/xyz789' }) })
    expect(fake.calls.filter((call) => call.method === 'fetchEventRecord').map((call) => call.storeHash)).toEqual(['abc123', 'xyz789'])
  })

  it('refuses a payload of another store, or of another event, naming the field', async () => {
    const { service, fake, automationId } = await configured('store/product/created')
    const otherStore = await rejection(service.fetchTriggerResource({ automationId, payload: product({ producer: 'stores/xyz789' }) }))
    expect(otherStore).toMatchObject({ code: 'validation_failed', field: 'payload.producer' })
    expect(otherStore.message).toBe(
      'This payload comes from stores/xyz789, not from Store abc123 (stores/abc123), the store this trigger uses.',
    )
    expect(
      await rejection(service.fetchTriggerResource({ automationId, payload: product({ scope: 'store/app/uninstalled' }) })),
    ).toMatchObject({
      code: 'validation_failed',
      field: 'payload.scope',
    })
    expect(
      await rejection(
        service.fetchTriggerResource({ automationId, payload: delivery({ scope: 'store/sku/created', data: { type: 'sku', id: 1 } }) }),
      ),
    ).toMatchObject({ code: 'validation_failed', field: 'payload.data.sku' })
    expect(fake.callsTo('fetchEventRecord')).toBe(0)
  })

  it('needs an account chosen first', async () => {
    const { service } = setup()
    const automation = await service.createAutomation({ name: 'Empty' })
    expect(await rejection(service.fetchTriggerResource({ automationId: automation.id, payload: product() }))).toMatchObject({
      code: 'incomplete_trigger',
      field: 'accountId',
    })
  })

  it('says which record is gone, in which store, and what to do', async () => {
    const { service, automationId } = await configured('store/product/created')
    const error = await rejection(service.fetchTriggerResource({ automationId, payload: product() }))
    expect(error).toMatchObject({ code: 'not_found' })
    expect(error.message).toBe('Product 205 no longer exists in Store abc123 (it may have been deleted). Test with a newer event.')
  })

  it('names the OAuth scope the API account lacks and how to add one that has it', async () => {
    const { service, fake, automationId } = await configured('store/sku/created')
    fake.failNext('fetchEventRecord', new BackendError('missing_scope', 'The token lacks a scope.'))
    const payload = delivery({ scope: 'store/sku/created', data: { type: 'sku', id: 461, sku: { product_id: 206, variant_id: 509 } } })
    const error = await rejection(service.fetchTriggerResource({ automationId, payload }))
    expect(error).toMatchObject({ code: 'missing_scope' })
    expect(error.message).toBe(
      'The API account behind this token lacks the Products: read-only OAuth scope (store_v2_products_read_only). In BigCommerce, create an API account with that scope, then add it here with + Add New Account.',
    )
  })

  it('lets other BigCommerce failures through unchanged', async () => {
    const { service, fake, automationId } = await configured('store/product/created')
    fake.failNext('fetchEventRecord', new BackendError('rate_limited', 'BigCommerce is rate-limiting store abc123.'))
    expect(await rejection(service.fetchTriggerResource({ automationId, payload: product() }))).toMatchObject({
      code: 'rate_limited',
      message: 'BigCommerce is rate-limiting store abc123.',
    })
  })
})

describe('listenForDelivery', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('tells when it listens, then answers the first delivery stored after that, not a duplicate', async () => {
    const { service, storage, automationId, triggerId } = await configured()
    await service.saveTrigger({ automationId })
    const secret = await secretOf(storage, automationId)
    await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ hash: 'before' }) })
    const onReady = vi.fn<(ready: ListenReady) => void>()
    const listening = service.listenForDelivery({ automationId }, { onReady })
    await vi.waitFor(() => expect(onReady).toHaveBeenCalledWith({ event: 'store/order/created', timeoutMs: LISTEN_TIMEOUT_MS }))
    // Sent again: already stored, so not news.
    await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ hash: 'before' }) })
    await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ hash: 'while', data: { type: 'order', id: 8 } }) })
    const outcome = await listening
    expect(outcome).toMatchObject({ status: 'delivered', delivery: { payload: { hash: 'while', data: { id: 8 } }, duplicates: 0 } })
    // What it answered is what the log holds.
    const [newest] = (await service.listTriggerDeliveries({ automationId })).deliveries
    expect(outcome.status === 'delivered' && outcome.delivery).toEqual(newest)
  })

  it('ends with timeout after two minutes, and stops at once when aborted', async () => {
    vi.useFakeTimers()
    const { service, automationId } = await configured()
    await service.saveTrigger({ automationId })
    const timedOut = service.listenForDelivery({ automationId })
    await vi.advanceTimersByTimeAsync(LISTEN_TIMEOUT_MS)
    expect(await timedOut).toEqual({ status: 'timeout' })

    const controller = new AbortController()
    const cancelled = service.listenForDelivery({ automationId }, { signal: controller.signal })
    controller.abort(new DOMException('Cancelled', 'AbortError'))
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('refuses a trigger never saved, and a backend BigCommerce cannot reach', async () => {
    const unsaved = await configured()
    expect(await rejection(unsaved.service.listenForDelivery({ automationId: unsaved.automationId }))).toMatchObject({ code: 'conflict' })
    const hidden = await configured('store/order/created', { publicUrl: null })
    await hidden.service.saveTrigger({ automationId: hidden.automationId })
    const error = await rejection(hidden.service.listenForDelivery({ automationId: hidden.automationId }))
    expect(error).toMatchObject({ code: 'conflict', message: `BigCommerce cannot reach this server, so no event would arrive. ${HELP}` })
  })
})

describe('purgeExpiredDeliveries', () => {
  it('deletes the deliveries older than the retention, and keeps the rest', async () => {
    const storage = createMemoryStorage()
    let now = new Date('2026-03-01T00:00:00.000Z')
    const fake = fakePlatform()
    const service = createTriggerService({
      storage,
      platform: fake.platform,
      config: { publicUrl: PUBLIC_URL, webhookHelp: HELP, now: () => now, retentionDays: 30 },
    })
    const account = await service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'token-abc1' })
    const automation = await service.createAutomation({ name: 'Orders' })
    const draft: TriggerDraft = {
      stage: 'test',
      connector: 'bigcommerce',
      trigger: 'bigcommerce',
      accountId: account.id,
      event: 'store/order/created',
      headers: [],
    }
    await service.updateTriggerDraft({ automationId: automation.id, draft })
    await service.saveTrigger({ automationId: automation.id })
    const secret = await secretOf(storage, automation.id)
    const triggerId = automation.trigger.id
    await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ hash: 'old' }) })
    now = new Date('2026-03-20T00:00:00.000Z')
    await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ hash: 'recent' }) })

    now = new Date('2026-03-31T00:00:00.001Z')
    expect(await service.purgeExpiredDeliveries()).toBe(1)
    expect((await service.listDeliveries({ triggerId })).map((entry) => entry.hash)).toEqual(['recent'])
    expect(await service.purgeExpiredDeliveries()).toBe(0)
  })
})

describe('timeOrderedId', () => {
  it('is a UUIDv7 whose text sorts as its time does', () => {
    const ids = ['2026-12-02T10:00:00.000Z', '2026-12-02T10:00:00.001Z', '2027-01-01T00:00:00.000Z'].map((at) =>
      timeOrderedId(new Date(at)),
    )
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect([...ids].sort()).toEqual(ids)
    expect(ids[0]?.slice(0, 13)).toBe(
      `${Date.UTC(2026, 11, 2, 10).toString(16).padStart(12, '0').slice(0, 8)}-${Date.UTC(2026, 11, 2, 10).toString(16).slice(-4)}`,
    )
    expect(timeOrderedId(new Date(0))).not.toBe(timeOrderedId(new Date(0)))
  })
})
