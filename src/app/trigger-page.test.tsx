import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import type { TriggerDelivery } from '../contract/deliveries'
import type { SavedTrigger } from '../contract/trigger-config'
import { makeAccount, makeAutomation } from '../backend/fake-backend'
import type { TriggerBackend } from '../backend/trigger-backend'
import { renderApp } from './render-app'

afterEach(() => window.history.pushState(null, '', '/'))

function version(number: number): SavedTrigger {
  return {
    version: number,
    savedAt: new Date(Date.UTC(2026, 0, 15, 12, number)).toISOString(),
    config: { connector: 'bigcommerce', trigger: 'bigcommerce', accountId: 'acc-1', event: 'store/product/created', headers: [] },
    webhook: { status: 'registered', hookId: null, destination: 'https://hooks.example/hooks/bigcommerce/trg-1', detail: null },
    restoredFrom: null,
  }
}

function delivery(n: number): TriggerDelivery {
  return {
    id: `del-${n}`,
    receivedAt: new Date(Date.UTC(2026, 0, 5, 0, n)).toISOString(),
    payload: {
      scope: 'store/product/created',
      store_id: '1',
      data: { type: 'product', id: 100 + n },
      hash: `hash-${n}`,
      created_at: 1767571200 + n,
      producer: 'stores/abc123',
    },
    duplicates: 0,
    authenticatedBy: 'secret',
  }
}

const deliveries = [delivery(3), delivery(2), delivery(1)]
const backend: Partial<TriggerBackend> = {
  getAutomation: async () => makeAutomation({ trigger: { draft: { stage: 'test', ...version(2).config }, saved: version(2) } }),
  listAccounts: async () => [makeAccount()],
  listTriggerVersions: async () => ({ versions: [version(2), version(1)], nextBefore: null }),
  diffTriggerVersions: async ({ from, to }) => ({
    from,
    to,
    diff: { account: null, event: { from: 'store/order/created', to: 'store/product/created' }, headers: [] },
  }),
  listTriggerDeliveries: async ({ search }) => ({
    deliveries: deliveries.filter((entry) => search === undefined || JSON.stringify(entry.payload).includes(search)),
    nextCursor: null,
  }),
  getTriggerDelivery: async ({ deliveryId }) => deliveries.find((entry) => entry.id === deliveryId) ?? delivery(0),
  fetchTriggerResource: () => new Promise(() => undefined),
}

const tabs = () => screen.getByRole('tablist', { name: 'Versions and deliveries' })
const selectedTab = () => within(tabs()).getByRole('tab', { selected: true })

describe('the saved trigger’s page', () => {
  it('is four tabs, each at its own address, moved between by click and arrow keys', async () => {
    const { router } = await renderApp('/automations/auto-1/trigger', backend)
    const user = userEvent.setup()
    expect(await screen.findByRole('tablist', { name: 'Versions and deliveries' })).toBeInTheDocument()
    expect(
      within(tabs())
        .getAllByRole('tab')
        .map((tab) => tab.textContent),
    ).toEqual(['Deliveries', 'Compare deliveries', 'Fields across deliveries', 'Versions'])
    expect(selectedTab()).toHaveTextContent('Deliveries')
    expect(await screen.findByRole('table', { name: 'Deliveries, newest first' })).toBeInTheDocument()

    await user.click(within(tabs()).getByRole('tab', { name: 'Versions' }))
    expect(router.state.location.search).toEqual({ section: 'versions' })
    expect(await within(screen.getByRole('tabpanel', { name: 'Versions' })).findByRole('list', { name: 'Versions' })).toBeInTheDocument()
    // A move within the page replaces the entry: Back leaves the page.
    expect(router.history.length).toBe(2)

    await user.keyboard('{ArrowLeft}')
    expect(selectedTab()).toHaveTextContent('Fields across deliveries')
    expect(selectedTab()).toHaveFocus()
    expect(router.state.location.search).toEqual({ section: 'fields' })
    expect(await screen.findByRole('table', { name: /^Each field of the last 3 deliveries/ })).toBeInTheDocument()
  })

  it('is the one current place in the automation’s steps', async () => {
    await renderApp('/automations/auto-1/trigger', backend)
    const steps = await screen.findByRole('navigation', { name: 'Automation steps' })
    expect(within(steps).getByRole('link', { name: 'Versions and deliveries' })).toHaveAttribute('aria-current', 'page')
    expect(within(steps).getByRole('link', { name: 'Configure Trigger' })).not.toHaveAttribute('aria-current')

    await userEvent.setup().click(within(steps).getByRole('link', { name: 'Configure Trigger' }))
    await waitFor(() => expect(within(steps).getByRole('link', { name: 'Configure Trigger' })).toHaveAttribute('aria-current', 'page'))
    expect(within(steps).getByRole('link', { name: 'Versions and deliveries' })).not.toHaveAttribute('aria-current')
  })

  it('opens the tab its address names', async () => {
    await renderApp('/automations/auto-1/trigger?section=compare', backend)
    expect(await screen.findByRole('tab', { name: 'Compare deliveries', selected: true })).toBeInTheDocument()
    const compare = screen.getByRole('tabpanel', { name: 'Compare deliveries' })
    expect(await within(compare).findByRole('table', { name: /changed, 0 added, 0 removed/ })).toBeInTheDocument()
  })

  it.each([
    [
      '/automations/auto-1/trigger?from=1&to=2',
      'Versions',
      () => screen.findByRole('table', { name: 'Changes from version 1 to version 2' }),
    ],
    ['/automations/auto-1/trigger?restore=1', 'Versions', () => screen.findByRole('dialog', { name: 'Restore version 1?' })],
    ['/automations/auto-1/trigger?delivery=del-2', 'Deliveries', () => screen.findByRole('region', { name: 'Delivery · Product 102' })],
  ])('lands a link from before the tabs, %s, on the tab that shows it', async (path, tab, shown) => {
    await renderApp(path, backend)
    expect(await screen.findByRole('tab', { name: tab, selected: true })).toBeInTheDocument()
    expect(await shown()).toBeInTheDocument()
  })

  it('compares and maps the fields of the deliveries the log lists, as filtered there, and keeps what was typed', async () => {
    await renderApp('/automations/auto-1/trigger', backend)
    const user = userEvent.setup()
    const search = await screen.findByRole('searchbox', { name: 'Search in payloads' })
    await user.type(search, '"id":103')
    await user.click(screen.getByRole('button', { name: 'Filter' }))
    expect(await screen.findByText('1 delivery matches the filters.')).toBeInTheDocument()

    await user.click(screen.getByRole('tab', { name: 'Fields across deliveries' }))
    const fields = screen.getByRole('tabpanel', { name: 'Fields across deliveries' })
    expect(within(fields).getByText('Over the 1 delivery listed in Deliveries (as filtered).')).toBeInTheDocument()
    await user.click(screen.getByRole('tab', { name: 'Deliveries' }))
    await waitFor(() => expect(screen.getByRole('searchbox', { name: 'Search in payloads' })).toHaveValue('"id":103'))
  })
})
