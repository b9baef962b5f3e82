import { describe, expect, it } from 'vitest'
import { diffTriggerConfigs, isEmptyDiff, isSecretHeaderName, MASKED_VALUE, type DiffableConfig } from './trigger-diff'

const plantShop = { id: 'acc-1', name: 'Plants', storeName: 'Plant Shop', storeHash: 'abc123', tokenMask: '••••••••k2f9' }
const toolShop = { id: 'acc-2', name: 'Tool Shop', storeName: 'Tool Shop', storeHash: 'xyz789', tokenMask: '••••••••m3n4' }

const base: DiffableConfig = {
  accountId: 'acc-1',
  event: 'store/order/created',
  headers: [
    { name: 'X-Team', value: 'ops' },
    { name: 'X-Env', value: 'prod' },
  ],
}

describe('diffTriggerConfigs', () => {
  it('finds nothing between equal configurations, whatever the order of their headers', () => {
    const reordered = { ...base, headers: [...base.headers].reverse() }
    const diff = diffTriggerConfigs(base, reordered, [plantShop])
    expect(diff).toEqual({ account: null, event: null, headers: [] })
    expect(isEmptyDiff(diff)).toBe(true)
  })

  it('names both accounts by their name and store, and an account it does not know as unknown', () => {
    expect(diffTriggerConfigs(base, { ...base, accountId: 'acc-2' }, [plantShop, toolShop]).account).toEqual({
      from: { id: 'acc-1', store: { name: 'Plants', storeName: 'Plant Shop', storeHash: 'abc123', tokenMask: '••••••••k2f9' } },
      to: { id: 'acc-2', store: { name: 'Tool Shop', storeName: 'Tool Shop', storeHash: 'xyz789', tokenMask: '••••••••m3n4' } },
    })
    expect(diffTriggerConfigs(base, { ...base, accountId: 'gone' }, [plantShop]).account?.to).toEqual({ id: 'gone', store: null })
    expect(diffTriggerConfigs({ ...base, accountId: null }, base, [plantShop]).account?.from).toEqual({ id: null, store: null })
  })

  it('gives the event on both sides', () => {
    expect(diffTriggerConfigs(base, { ...base, event: 'store/product/created' }).event).toEqual({
      from: 'store/order/created',
      to: 'store/product/created',
    })
    expect(diffTriggerConfigs(base, { ...base, event: null }).event).toEqual({ from: 'store/order/created', to: null })
  })

  it('lists each header changed or removed in the older order, then each added one', () => {
    const diff = diffTriggerConfigs(base, {
      ...base,
      headers: [
        { name: 'X-Source', value: 'demo' },
        { name: 'X-Env', value: 'staging' },
      ],
    })
    expect(diff.headers).toEqual([
      { change: 'removed', name: 'X-Team', previousName: null, from: 'ops', to: null, valueChanged: true, secret: false },
      { change: 'changed', name: 'X-Env', previousName: null, from: 'prod', to: 'staging', valueChanged: true, secret: false },
      { change: 'added', name: 'X-Source', previousName: null, from: null, to: 'demo', valueChanged: true, secret: false },
    ])
  })

  it('matches header names whatever their case and the spaces a draft has around them', () => {
    const diff = diffTriggerConfigs(base, {
      ...base,
      headers: [
        { name: ' X-Team ', value: 'ops' },
        { name: 'x-env', value: 'prod' },
      ],
    })
    expect(diff.headers).toEqual([
      { change: 'changed', name: 'x-env', previousName: 'X-Env', from: 'prod', to: 'prod', valueChanged: false, secret: false },
    ])
  })

  it('pairs a name a draft repeats with one occurrence only, the rest added', () => {
    const diff = diffTriggerConfigs(base, { ...base, headers: [...base.headers, { name: 'X-TEAM', value: 'ops' }] })
    expect(diff.headers).toEqual([
      { change: 'added', name: 'X-TEAM', previousName: null, from: null, to: 'ops', valueChanged: true, secret: false },
    ])
  })

  it('masks the values of headers whose name looks secret, saying whether the value changed', () => {
    const older: DiffableConfig = {
      ...base,
      headers: [
        { name: 'Authorization', value: 'Bearer one' },
        { name: 'X-Api-Key', value: 'k-1' },
        { name: 'X-Session-Id', value: 's-1' },
      ],
    }
    const newer: DiffableConfig = {
      ...base,
      headers: [
        { name: 'Authorization', value: 'Bearer two' },
        { name: 'x-api-key', value: 'k-1' },
        { name: 'X-Signature', value: 'sig' },
      ],
    }
    const diff = diffTriggerConfigs(older, newer)
    expect(diff.headers).toEqual([
      {
        change: 'changed',
        name: 'Authorization',
        previousName: null,
        from: MASKED_VALUE,
        to: MASKED_VALUE,
        valueChanged: true,
        secret: true,
      },
      {
        change: 'changed',
        name: 'x-api-key',
        previousName: 'X-Api-Key',
        from: MASKED_VALUE,
        to: MASKED_VALUE,
        valueChanged: false,
        secret: true,
      },
      { change: 'removed', name: 'X-Session-Id', previousName: null, from: MASKED_VALUE, to: null, valueChanged: true, secret: true },
      { change: 'added', name: 'X-Signature', previousName: null, from: null, to: MASKED_VALUE, valueChanged: true, secret: true },
    ])
    expect(JSON.stringify(diff)).not.toMatch(/Bearer|k-1|s-1|sig"/)
  })
})

describe('isSecretHeaderName', () => {
  it('takes names with auth, token, secret, key, password, signature, cookie or session for secret', () => {
    const secret = ['Authorization', 'X-Auth-Token', 'X-Client-Secret', 'X-API-KEY', 'X-Password', 'X-Hub-Signature', 'Cookie', 'X-Session']
    expect(secret.filter(isSecretHeaderName)).toEqual(secret)
    expect(['X-Team', 'X-Env', 'X-Source', 'Accept-Language'].filter(isSecretHeaderName)).toEqual([])
  })
})
