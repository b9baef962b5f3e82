// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { missingChoiceMessages } from '../../contract/trigger-config'
import { BackendError } from '../../contract/errors'
import { configured, delivery, rejection, secretOf, setup } from './service-fixtures'

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
