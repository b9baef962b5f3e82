import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { TriggerDelivery } from '../contract/deliveries'
import type { SavedTrigger } from '../contract/trigger-config'
import { BackendError } from '../contract/errors'
import { makeAccount, makeAutomation } from '../backend/fake-backend'
import type { TriggerBackend } from '../backend/trigger-backend'
import { controlledListen } from '../test/controlled-listen'
import { renderApp } from './render-app'

const saved: SavedTrigger = {
  version: 1,
  savedAt: '2026-01-01T00:00:00.000Z',
  config: { connector: 'bigcommerce', trigger: 'bigcommerce', accountId: 'acc-1', event: 'store/product/created', headers: [] },
  webhook: { status: 'registered', hookId: 3, destination: 'https://example.com/hooks/bigcommerce/trg-1', detail: null },
  restoredFrom: null,
}

/** Delivery `n` of product 100 + n, one a minute from midnight; the newest first in the list. */
function delivery(n: number, overrides: Partial<TriggerDelivery> = {}): TriggerDelivery {
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
    ...overrides,
  }
}

/** 30 deliveries, paged as the server pages them (the cursor is the last id shown). */
function logBackend(all: TriggerDelivery[]) {
  const listTriggerDeliveries = vi.fn<TriggerBackend['listTriggerDeliveries']>(async ({ cursor, limit = 10, search }) => {
    const matching = all.filter((entry) => search === undefined || JSON.stringify(entry.payload).includes(search))
    const start = cursor === undefined ? 0 : matching.findIndex((entry) => entry.id === cursor) + 1
    const page = matching.slice(start, start + limit)
    const more = start + limit < matching.length
    return { deliveries: page, nextCursor: more ? (page.at(-1)?.id ?? null) : null }
  })
  const overrides: Partial<TriggerBackend> = {
    getAutomation: async () => makeAutomation({ trigger: { saved } }),
    listAccounts: async () => [makeAccount()],
    listTriggerDeliveries,
    listTriggerVersions: async () => ({ versions: [], nextBefore: null }),
    getTriggerDelivery: async ({ deliveryId }) => {
      const found = all.find((entry) => entry.id === deliveryId)
      if (!found) throw new BackendError('not_found', 'This trigger has no such delivery.')
      return found
    },
    fetchTriggerResource: () => new Promise(() => undefined),
  }
  return { overrides, listTriggerDeliveries }
}

const newestFirst = Array.from({ length: 30 }, (_, index) => delivery(30 - index, index === 3 ? { duplicates: 2 } : {}))

describe('the delivery log', () => {
  it('lists every delivery newest first, 25 at a time, with its event, record, redeliveries and check', async () => {
    const { overrides } = logBackend(newestFirst)
    await renderApp('/automations/auto-1/trigger', overrides)
    const table = await screen.findByRole('table', { name: 'Deliveries, newest first' })
    const rows = () => within(table).getAllByRole('row').slice(1)
    expect(rows()).toHaveLength(25)
    expect(
      within(rows()[0] as HTMLElement)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([expect.any(String), 'Product Created', 'Product 130', 'No', 'Secret header', 'OpenReplay in Test Trigger'])
    expect(within(rows()[3] as HTMLElement).getByRole('cell', { name: '2 times' })).toBeInTheDocument()
    expect(screen.getAllByRole('status')).toContain(screen.getByText('25 deliveries; more are older.'))

    await userEvent.click(screen.getByRole('button', { name: 'Load older deliveries' }))
    await waitFor(() => expect(rows()).toHaveLength(30))
    expect(rows().at(-1)).toHaveTextContent('Product 101')
    expect(screen.queryByRole('button', { name: 'Load older deliveries' })).not.toBeInTheDocument()
    expect(screen.getByText('30 deliveries.')).toBeInTheDocument()
  })

  it('asks the backend for the filters given, both minutes included', async () => {
    const user = userEvent.setup()
    const { overrides, listTriggerDeliveries } = logBackend(newestFirst)
    await renderApp('/automations/auto-1/trigger', overrides)
    await screen.findByRole('table', { name: 'Deliveries, newest first' })
    const filters = screen.getByRole('form', { name: 'Filter deliveries' })
    await user.selectOptions(within(filters).getByRole('combobox', { name: 'Event' }), 'Product Created')
    await user.type(within(filters).getByLabelText('From'), '2026-01-05T00:10')
    await user.type(within(filters).getByLabelText('Until'), '2026-01-05T00:20')
    await user.type(within(filters).getByRole('searchbox', { name: 'Search in payloads' }), '"id":115')
    await user.click(within(filters).getByRole('button', { name: 'Filter' }))
    await waitFor(() =>
      expect(listTriggerDeliveries).toHaveBeenLastCalledWith(
        {
          automationId: 'auto-1',
          limit: 25,
          event: 'store/product/created',
          from: new Date('2026-01-05T00:10').toISOString(),
          to: new Date('2026-01-05T00:21').toISOString(),
          search: '"id":115',
        },
        expect.anything(),
      ),
    )
    expect(await screen.findByText('1 delivery matches the filters.')).toBeInTheDocument()

    await user.clear(within(filters).getByLabelText('From'))
    await user.type(within(filters).getByLabelText('From'), '2026-01-05T00:30')
    await user.click(within(filters).getByRole('button', { name: 'Filter' }))
    expect(await within(filters).findByRole('alert')).toHaveTextContent('Until must be after From.')
    expect(within(filters).getByLabelText('Until')).toHaveAttribute('aria-invalid', 'true')
  })

  it('opens a delivery in the viewer, at an address of its own, and links its replay into Test Trigger', async () => {
    const user = userEvent.setup()
    const { overrides } = logBackend(newestFirst)
    const { router } = await renderApp('/automations/auto-1/trigger', overrides)
    await screen.findByRole('table', { name: 'Deliveries, newest first' })
    await user.click(screen.getByRole('button', { name: /^Open product 129 received/ }))
    const viewer = await screen.findByRole('region', { name: 'Delivery · Product 129' })
    expect(within(viewer).getByRole('heading', { name: 'Delivery · Product 129' })).toHaveFocus()
    expect(router.state.location.search).toEqual({ delivery: 'del-29' })
    expect(within(viewer).getByText('Secret header')).toBeInTheDocument()
    expect(within(viewer).getByRole('tab', { name: 'Webhook payload' })).toBeInTheDocument()

    const replay = screen.getByRole('link', { name: /^Replay in Test Trigger: product 129 received/ })
    expect(replay).toHaveAttribute('href', '/automations/auto-1?tab=test&replay=del-29')
  })

  it('listens for an event from the trigger’s page and opens what arrives in the viewer', async () => {
    const user = userEvent.setup()
    // The backend has it once it has arrived; the log lists it when it is asked again.
    const { overrides } = logBackend([delivery(31), ...newestFirst])
    const listen = controlledListen()
    const { router } = await renderApp('/automations/auto-1/trigger', {
      ...overrides,
      getInfo: async () => ({ publicUrl: 'https://automations.example.com', webhookHelp: null }),
      listenForDelivery: listen.listenForDelivery,
    })
    const log = await screen.findByRole('tabpanel', { name: 'Deliveries' })
    await user.click(within(log).getByRole('button', { name: 'Listen for an event' }))
    expect(await within(log).findByText('Listening for Product Created. Create a product in Plant Shop now.')).toBeInTheDocument()
    await listen.deliver(delivery(31))
    expect(within(log).getByText('A Product Created event arrived: product 131. It is open in the viewer.')).toBeInTheDocument()
    expect(await screen.findByRole('region', { name: 'Delivery · Product 131' })).toBeInTheDocument()
    expect(router.state.location.search).toEqual({ delivery: 'del-31' })
  })

  it('compares the two newest payloads, and one with the documented sample, path by path', async () => {
    const user = userEvent.setup()
    const { overrides } = logBackend(newestFirst)
    await renderApp('/automations/auto-1/trigger?section=compare', overrides)
    const compare = await screen.findByRole('tabpanel', { name: 'Compare deliveries' })
    const diff = await within(compare).findByRole('table')
    expect(diff).toHaveAccessibleName('3 changed, 0 added, 0 removed; 4 values the same.')
    expect(within(diff).getByRole('row', { name: /^data\.id Changed 130 129$/ })).toBeInTheDocument()

    await user.selectOptions(within(compare).getByRole('combobox', { name: 'With' }), 'Documented sample · Product Created')
    // The sample is shown with the store's producer, as Test Trigger shows it.
    expect(within(compare).getByRole('table')).toHaveAccessibleName('4 changed, 0 added, 0 removed; 3 values the same.')
    expect(within(compare).getByRole('row', { name: /^store_id Changed "1" "1025646"$/ })).toBeInTheDocument()
  })

  it('counts one delivery in the singular wherever it is counted', async () => {
    const { overrides } = logBackend([delivery(1)])
    await renderApp('/automations/auto-1/trigger', overrides)
    expect(await screen.findByText('1 delivery.')).toBeInTheDocument()
    await userEvent.setup().click(screen.getByRole('tab', { name: 'Fields across deliveries' }))
    const fields = screen.getByRole('tabpanel', { name: 'Fields across deliveries' })
    expect(fields).toHaveTextContent('Over the 1 delivery listed in Deliveries.')
    expect(within(fields).getByRole('table')).toHaveAccessibleName(/^Each field of the last 1 delivery:/)
  })

  it('shows each payload field across the deliveries listed: how often, and its types', async () => {
    const mixed = [
      delivery(3, {
        payload: {
          ...delivery(3).payload,
          scope: 'store/sku/created',
          data: { type: 'sku', id: 5, sku: { product_id: 1, variant_id: 2 } },
        },
      }),
      delivery(2),
      delivery(1),
    ]
    const { overrides } = logBackend(mixed)
    await renderApp('/automations/auto-1/trigger?section=fields', overrides)
    const fields = await screen.findByRole('tabpanel', { name: 'Fields across deliveries' })
    const matrix = await within(fields).findByRole('table', { name: /Each field of the last 3 deliveries/ })
    expect(within(matrix).getByRole('row', { name: 'data.id 3 of 3 number' })).toBeInTheDocument()
    expect(within(matrix).getByRole('row', { name: 'data.sku.variant_id 1 of 3 (sometimes absent) number' })).toBeInTheDocument()
  })
})
