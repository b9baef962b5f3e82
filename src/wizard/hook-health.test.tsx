import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WebhookRegistration } from '../contract/trigger-config'
import type { TriggerHealth } from '../contract/trigger-health'
import { BackendError } from '../contract/errors'
import { renderWithBackend } from '../backend/render-with-backend'
import type { TriggerBackend } from '../backend/trigger-backend'
import { formatTime } from '../ui/format-time'
import { HookHealth } from './hook-health'

const CHECKED_AT = '2026-03-02T09:00:00.000Z'

const webhook: WebhookRegistration = {
  status: 'registered',
  hookId: 12,
  destination: 'https://hooks.example/hooks/bigcommerce/trg-1',
  detail: null,
}

function healthOf(overrides: Partial<TriggerHealth> = {}): TriggerHealth {
  return {
    status: 'registered',
    hookId: 12,
    blockedDomain: null,
    lastCheckedAt: CHECKED_AT,
    lastDeliveryAt: '2026-03-02T08:15:00.000Z',
    deliveriesLast24h: 3,
    actions: [],
    problem: null,
    needsAttention: false,
    ...overrides,
  }
}

function renderHealth(lastKnown: TriggerHealth, overrides: Partial<TriggerBackend> = {}) {
  return renderWithBackend(
    <dl>
      <HookHealth automationId="auto-1" webhook={webhook} lastKnown={lastKnown} />
    </dl>,
    overrides,
  )
}

/** What follows a term of the description list. */
function item(term: string): HTMLElement {
  const found = screen.getAllByRole('term').find((candidate) => candidate.textContent === term)
  if (!found?.nextElementSibling) throw new Error(`No item ${term}`)
  return found.nextElementSibling as HTMLElement
}

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((yes, no) => {
    resolve = yes
    reject = no
  })
  return { promise, resolve, reject }
}

// Only Date is faked: the last check is seconds old, so mounting asks BigCommerce nothing, and
// the time left on a block is counted from a known instant.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date(Date.parse(CHECKED_AT) + 5_000))
})
afterEach(() => vi.useRealTimers())

describe('HookHealth', () => {
  it('shows a registered hook, its last delivery, the last day’s count and the last check', () => {
    renderHealth(healthOf())
    expect(item('Webhook')).toHaveTextContent('Registered with BigCommerce · hook 12 · https://hooks.example/hooks/bigcommerce/trg-1')
    expect(within(item('Last delivery')).getByText(formatTime('2026-03-02T08:15:00.000Z'))).toHaveAttribute(
      'datetime',
      '2026-03-02T08:15:00.000Z',
    )
    expect(item('Last 24 hours')).toHaveTextContent('3 deliveries')
    expect(within(item('Last checked')).getByText(formatTime(CHECKED_AT))).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Reactivate' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Re-register' })).not.toBeInTheDocument()
  })

  it('shows the last refused delivery, when, why and what BigCommerce does about it; nothing when there was none', () => {
    const { unmount } = renderHealth(healthOf())
    expect(screen.getAllByRole('term').map((term) => term.textContent)).not.toContain('Last refused')
    unmount()

    renderHealth(healthOf({ lastRefusal: { at: '2026-03-02T08:40:00.000Z', reason: 'The X-Trigger-Secret header is missing or wrong.' } }))
    const refused = item('Last refused')
    expect(within(refused).getByText(formatTime('2026-03-02T08:40:00.000Z'))).toHaveAttribute('datetime', '2026-03-02T08:40:00.000Z')
    expect(refused).toHaveTextContent('The X-Trigger-Secret header is missing or wrong.')
    expect(refused).toHaveTextContent('it sends it again for about 48 hours, then deactivates the webhook')
  })

  it('reactivates a deactivated hook in one click, busy while it runs', async () => {
    const answer = deferred<TriggerHealth>()
    const reconcileTrigger = vi.fn<TriggerBackend['reconcileTrigger']>(() => answer.promise)
    renderHealth(healthOf({ status: 'deactivated', needsAttention: true }), { reconcileTrigger })
    const user = userEvent.setup()
    expect(item('Webhook')).toHaveTextContent('Deactivated by BigCommerce')

    await user.click(screen.getByRole('button', { name: 'Reactivate' }))
    const pending = screen.getByRole('button', { name: 'Reactivating…' })
    expect(pending).toBeDisabled()
    expect(reconcileTrigger).toHaveBeenCalledWith({ automationId: 'auto-1' })

    answer.resolve(healthOf({ actions: ['Reactivated hook 12: BigCommerce had deactivated it.'] }))
    expect(await screen.findByText('Registered with BigCommerce')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Reactivat/ })).not.toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('Reactivated hook 12: BigCommerce had deactivated it.')
  })

  it('says why a Re-register failed, in the server’s words, and lets the user try again', async () => {
    const reconcileTrigger = vi.fn<TriggerBackend['reconcileTrigger']>(() =>
      Promise.reject(new BackendError('rate_limited', 'BigCommerce is rate limiting this store. Try again in a minute.')),
    )
    renderHealth(healthOf({ status: 'missing', hookId: null, needsAttention: true }), { reconcileTrigger })
    const user = userEvent.setup()
    expect(item('Webhook')).toHaveTextContent('Missing at BigCommerce')
    expect(item('Webhook')).toHaveTextContent('BigCommerce has no webhook for this trigger')

    await user.click(screen.getByRole('button', { name: 'Re-register' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The webhook was not registered: BigCommerce is rate limiting this store. Try again in a minute.',
    )
    expect(screen.getByRole('button', { name: 'Re-register' })).toBeEnabled()
  })

  it('shows a blocklisted domain with the time left on the block', () => {
    const until = new Date(Date.parse(CHECKED_AT) + 5_000 + 150_000).toISOString()
    renderHealth(
      healthOf({
        blockedDomain: { destination: 'https://hooks.example', until, reasons: ['Success ratio under 90%.'] },
        needsAttention: true,
      }),
    )
    const domain = item('Domain')
    expect(domain).toHaveTextContent(`Blocklisted by BigCommerce · 3 minutes left, until ${formatTime(until)}`)
    expect(domain).toHaveTextContent('Reason: Success ratio under 90%.')
  })

  it('checks again on Check now and shows what BigCommerce holds', async () => {
    const answer = deferred<TriggerHealth>()
    const getTriggerHealth = vi.fn<TriggerBackend['getTriggerHealth']>(() => answer.promise)
    renderHealth(healthOf(), { getTriggerHealth })
    const user = userEvent.setup()

    await user.click(screen.getByRole('button', { name: 'Check now' }))
    expect(screen.getByRole('button', { name: 'Checking…' })).toBeDisabled()
    answer.resolve(healthOf({ status: 'deactivated', needsAttention: true, lastCheckedAt: '2026-03-02T09:00:04.000Z' }))
    expect(await screen.findByText('Deactivated by BigCommerce')).toBeInTheDocument()
    expect(within(item('Last checked')).getByText(formatTime('2026-03-02T09:00:04.000Z'))).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Reactivate' })).toBeEnabled()
  })

  it('asks BigCommerce on opening when the last check is old', async () => {
    vi.setSystemTime(new Date(Date.parse(CHECKED_AT) + 3_600_000))
    const getTriggerHealth = vi.fn<TriggerBackend['getTriggerHealth']>(() =>
      Promise.resolve(healthOf({ status: 'missing', hookId: null, needsAttention: true })),
    )
    renderHealth(healthOf(), { getTriggerHealth })
    expect(await screen.findByText('Missing at BigCommerce')).toBeInTheDocument()
    expect(getTriggerHealth).toHaveBeenCalledTimes(1)
  })
})
