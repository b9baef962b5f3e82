import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { makeAccount, makeAutomation } from '../backend/fake-backend'
import { renderApp } from '../app/render-app'
import { controlledListen, productArrival, savedProductTrigger } from '../test/controlled-listen'

const saved = savedProductTrigger
const arrival = productArrival

afterEach(() => window.history.pushState(null, '', '/'))

function renderSummary(publicUrl: string | null) {
  const listen = controlledListen()
  const info = Promise.resolve({ publicUrl, webhookHelp: publicUrl ? null : 'Set PUBLIC_URL.' })
  const automation = makeAutomation({ trigger: { draft: { stage: 'test', ...saved.config }, saved } })
  const rendered = renderApp('/automations/auto-1', {
    getAutomation: async () => automation,
    getInfo: () => info,
    // Answered after the info, so once the summary names the account, the info is in too.
    listAccounts: async () => {
      await info
      return [makeAccount()]
    },
    listenForDelivery: listen.listenForDelivery,
    listTriggerDeliveries: async () => ({ deliveries: [arrival], nextCursor: null }),
    fetchTriggerResource: () => new Promise(() => undefined),
  })
  return { rendered, ...listen }
}

describe('TriggerSummary', () => {
  it('listens for an event right from the saved trigger, with no wizard around it, and shows what arrives', async () => {
    const user = userEvent.setup()
    const { deliver, listenForDelivery } = renderSummary('https://automations.example.com')
    const summary = await screen.findByRole('region', { name: 'Trigger' })
    await user.click(await within(summary).findByRole('button', { name: 'Listen for an event' }))
    const panel = await within(summary).findByRole('region', { name: 'Listen for an event' })
    expect(within(panel).getByRole('status')).toHaveTextContent('Listening for Product Created. Create a product in Plant Shop now.')
    expect(listenForDelivery).toHaveBeenCalledWith({ automationId: 'auto-1' }, expect.anything())
    // Listening changes nothing to save: none of the wizard's buttons sit beside it.
    for (const name of ['Save and Exit', 'Proceed', 'Back', 'Test Trigger']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument()
    }

    await deliver(arrival)
    expect(within(summary).getAllByRole('status')).toContain(
      within(summary).getByText('A Product Created event arrived: product 314. It is shown in the output below.'),
    )
    const output = within(summary).getByRole('region', { name: 'Output' })
    expect(output).toHaveTextContent('Arrived while listening')
    expect(await within(output).findByRole('tree', { name: 'Webhook payload' })).toBeInTheDocument()
  })

  it('offers no listening without PUBLIC_URL, where the webhook’s own row says why', async () => {
    renderSummary(null)
    const summary = await screen.findByRole('region', { name: 'Trigger' })
    expect(await within(summary).findByText('Plant Shop (abc123)', { exact: false })).toBeInTheDocument()
    expect(within(summary).queryByRole('button', { name: 'Listen for an event' })).not.toBeInTheDocument()
    expect(within(summary).queryByText(/Listen for an event cannot work yet/)).not.toBeInTheDocument()
  })
})
