// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { BackendError } from '../../contract/errors'
import { configured, rejection, setup } from './service-fixtures'

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
