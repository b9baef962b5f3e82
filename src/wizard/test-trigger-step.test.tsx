import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TriggerDraft } from '../contract/trigger-config'
import { makeAccount, makeAutomation } from '../backend/fake-backend'
import { renderWithBackend } from '../backend/render-with-backend'
import { controlledListen, productArrival, savedProductTrigger } from '../test/controlled-listen'
import { TestTriggerStep } from './test-trigger-step'

const draft: TriggerDraft = {
  stage: 'test',
  connector: 'bigcommerce',
  trigger: 'bigcommerce',
  accountId: 'acc-1',
  event: 'store/product/created',
  headers: [],
}
const help = 'Set PUBLIC_URL to an https address that BigCommerce can reach and restart.'

/**
 * The accounts are answered only after the info, so once the summary names the account the step
 * has had its answer about webhooks too: a test can wait for what the user sees, then check what
 * is not there.
 */
function renderStep(publicUrl: string | null) {
  const info = Promise.resolve({ publicUrl, webhookHelp: publicUrl ? null : help })
  return renderWithBackend(<TestTriggerStep automation={makeAutomation({ trigger: { draft } })} onBack={() => {}} onSaved={() => {}} />, {
    getInfo: () => info,
    listAccounts: async () => {
      await info
      return [makeAccount()]
    },
  })
}

describe('TestTriggerStep', () => {
  it('says what to set before saving when the server has no public URL', async () => {
    renderStep(null)
    const notice = await screen.findByText(/BigCommerce will not send events to this trigger yet/)
    expect(notice).toHaveTextContent(help)
    expect(screen.getByRole('button', { name: 'Save and Exit' })).toHaveAccessibleDescription(expect.stringContaining(help))
  })

  it('says nothing about webhooks when they can be registered', async () => {
    renderStep('https://automations.example.com')
    expect(await screen.findByText(/Plant Shop \(abc123\)/)).toBeInTheDocument()
    expect(screen.queryByText(/BigCommerce will not send events/)).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Save and Exit' })).not.toHaveAccessibleDescription()
  })
})

describe('Listen for an event', () => {
  const savedTrigger = makeAutomation({ trigger: { draft, saved: savedProductTrigger } })
  const arrival = productArrival

  afterEach(() => {
    vi.useRealTimers()
  })

  function renderListening(publicUrl: string | null = 'https://automations.example.com') {
    const { listenForDelivery, deliver } = controlledListen()
    const rendered = renderWithBackend(<TestTriggerStep automation={savedTrigger} onBack={() => {}} onSaved={() => {}} />, {
      getInfo: async () => ({ publicUrl, webhookHelp: publicUrl ? null : help }),
      listAccounts: async () => [makeAccount()],
      listenForDelivery,
      listTriggerDeliveries: async () => ({ deliveries: [arrival], nextCursor: null }),
      fetchTriggerResource: () => new Promise(() => undefined),
    })
    return { ...rendered, listenForDelivery, deliver }
  }

  it('says what to do in the store, counts down, and stops on Cancel, on the backend too', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: new Date('2026-01-05T12:00:00.000Z') })
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime })
    const { listenForDelivery } = renderListening()
    await user.click(await screen.findByRole('button', { name: 'Listen for an event' }))
    // Announced: the words sit in a live region (role status).
    const status = await screen.findByText('Listening for Product Created. Create a product in Plant Shop now.')
    expect(screen.getAllByRole('status')).toContain(status)
    // Said once: the panel shows the words the live region announces, not a second copy of them.
    expect(screen.getAllByText(/Create a product in Plant Shop now/)).toEqual([status])
    expect(screen.getByRole('region', { name: 'Listen for an event' })).toContainElement(status)
    const timer = screen.getByRole('timer')
    expect(timer).toHaveTextContent('2:00')
    const cancel = screen.getByRole('button', { name: 'Cancel' })
    expect(cancel).toHaveFocus()
    await act(() => vi.advanceTimersByTimeAsync(61_000))
    expect(timer).toHaveTextContent('0:59')

    await user.click(cancel)
    await waitFor(() => expect(status).toHaveTextContent('Stopped listening.'))
    expect(listenForDelivery.mock.calls[0]?.[1]?.signal?.aborted).toBe(true)
    expect(screen.getByRole('button', { name: 'Listen for an event' })).toHaveFocus()
    expect(screen.queryByRole('timer')).not.toBeInTheDocument()
  })

  it('shows the delivery in the output the moment it arrives, and announces it', async () => {
    const user = userEvent.setup()
    const { deliver } = renderListening()
    await user.click(await screen.findByRole('button', { name: 'Listen for an event' }))
    await screen.findByRole('timer')
    await deliver(arrival)
    expect(screen.getAllByRole('status')).toContain(
      screen.getByText('A Product Created event arrived: product 314. It is shown in the output.'),
    )
    const output = screen.getByRole('region', { name: 'Output' })
    expect(output).toHaveTextContent('Arrived while listening')
    expect(within(output).getByRole('combobox', { name: 'Sample' })).toHaveDisplayValue('Arrived while listening · Product 314')
  })

  it('says why listening cannot work without PUBLIC_URL, and offers no Listen button', async () => {
    renderListening(null)
    expect(await screen.findByText(/Listen for an event cannot work yet: without PUBLIC_URL/)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Listen for an event' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Test Trigger' })).toBeInTheDocument()
  })
})
