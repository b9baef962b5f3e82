// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LISTEN_TIMEOUT_MS, type ListenReady } from '../../contract/deliveries'
import { configured, delivery, rejection, secretOf, HELP } from './service-fixtures'

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
