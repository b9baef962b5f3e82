import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { TriggerDelivery } from '../contract/deliveries'
import type { TriggerResource, TriggerTest } from '../contract/trigger-test'
import { BackendError } from '../contract/errors'
import type { Callback } from '../contract/events'
import { renderWithBackend } from '../backend/render-with-backend'
import type { TriggerBackend } from '../backend/trigger-backend'
import { documentedSampleNote } from './resource-panel'
import { formatTime } from '../ui/format-time'
import { TestOutput, type OutputResult } from './test-output'

const product = (id: number, hash = `hash-${id}`): Callback => ({
  scope: 'store/product/created',
  store_id: '1001234567',
  data: { type: 'product', id },
  hash,
  created_at: 1_736_150_400,
  producer: 'stores/demostore1',
})

const liveTest: TriggerTest = {
  source: 'live',
  testedAt: '2026-01-04T09:30:00.000Z',
  event: 'store/product/created',
  note: null,
  payload: product(205),
  deliveryId: null,
}

const resourceOf = (payload: Callback): TriggerResource => ({
  resource: { id: payload.data.id, name: `Product ${String(payload.data.id)}`, sku: 'MUG-ENAMEL' },
  fetchedAt: '2026-01-04T09:31:00.000Z',
  request: `GET /v3/catalog/products/${String(payload.data.id)}`,
  readScope: { label: 'Products: read-only', parameter: 'store_v2_products_read_only' },
})

const page = (deliveries: TriggerDelivery[]) => Promise.resolve({ deliveries, nextCursor: null })
const delivered = (id: string, receivedAt: string, payload: Callback): TriggerDelivery => ({
  id,
  receivedAt,
  payload,
  duplicates: 0,
  authenticatedBy: 'secret',
})

function renderOutput(test: TriggerTest | OutputResult = liveTest, overrides: Partial<TriggerBackend> = {}) {
  const result: OutputResult = 'kind' in test ? test : { kind: 'test', test }
  const backend = {
    listTriggerDeliveries: vi.fn<TriggerBackend['listTriggerDeliveries']>(() => page([])),
    fetchTriggerResource: vi.fn<TriggerBackend['fetchTriggerResource']>(({ payload }) => Promise.resolve(resourceOf(payload))),
    ...overrides,
  }
  const rendered = renderWithBackend(<TestOutput automationId="auto-1" result={result} />, backend)
  return { ...rendered, user: userEvent.setup(), backend }
}

const output = () => screen.getByRole('region', { name: 'Output' })
const tab = (name: string) => screen.getByRole('tab', { name })

describe('TestOutput', () => {
  it('shows where the sample came from and the webhook payload first, as a tree and as raw JSON', async () => {
    const { backend } = renderOutput()
    expect(output()).toHaveTextContent('Live sample from your store')
    expect(within(output()).getByText(formatTime(liveTest.testedAt))).toHaveAttribute('datetime', liveTest.testedAt)
    expect(screen.getByRole('tablist', { name: 'Output views' })).toBeInTheDocument()
    expect(tab('Webhook payload')).toHaveAttribute('aria-selected', 'true')
    expect(tab('Resource')).toHaveAttribute('aria-selected', 'false')

    const panel = screen.getByRole('tabpanel', { name: 'Webhook payload' })
    const payload = within(panel).getByRole('region', { name: 'Payload' })
    expect(await within(payload).findByRole('tree', { name: 'Webhook payload' })).toBeInTheDocument()
    expect(within(payload).getByRole('treeitem', { name: 'id: 205' })).toBeInTheDocument()
    expect(JSON.parse(payload.querySelector('pre')?.textContent ?? '')).toEqual(liveTest.payload)
    // The record is fetched only once its tab is opened.
    expect(backend.fetchTriggerResource).not.toHaveBeenCalled()
  })

  it('says in the backend’s words why it fell back to the documented sample', () => {
    const note =
      'The API account behind this token lacks Products: read-only (store_v2_products_read_only), so this is the example from BigCommerce’s documentation.'
    renderOutput({ ...liveTest, source: 'sample', note })
    expect(output()).toHaveTextContent('Documented sample')
    expect(within(output()).getByText(note)).toBeInTheDocument()
  })

  it('fetches the resource when its tab is opened, and shows the request and the scope it needs', async () => {
    const { backend, user } = renderOutput()
    await user.click(tab('Resource'))
    expect(tab('Resource')).toHaveAttribute('aria-selected', 'true')
    const panel = screen.getByRole('tabpanel', { name: 'Resource' })
    expect(await within(panel).findByRole('tree', { name: 'Resource' })).toBeInTheDocument()
    expect(within(panel).getByRole('treeitem', { name: 'name: "Product 205"' })).toBeInTheDocument()
    expect(within(panel).getByText('GET /v3/catalog/products/205')).toBeInTheDocument()
    expect(panel).toHaveTextContent('Products: read-only (store_v2_products_read_only)')
    expect(backend.fetchTriggerResource).toHaveBeenCalledExactlyOnceWith(
      { automationId: 'auto-1', payload: liveTest.payload },
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    )
    expect(screen.queryByRole('region', { name: 'Payload' })).not.toBeInTheDocument()

    // Back and forth uses the record already fetched.
    await user.click(tab('Webhook payload'))
    await user.click(tab('Resource'))
    expect(await screen.findByRole('tree', { name: 'Resource' })).toBeInTheDocument()
    expect(backend.fetchTriggerResource).toHaveBeenCalledTimes(1)
  })

  it('moves between the tabs with the arrow keys', async () => {
    const { user } = renderOutput()
    tab('Webhook payload').focus()
    await user.keyboard('{ArrowRight}')
    expect(tab('Resource')).toHaveFocus()
    expect(tab('Resource')).toHaveAttribute('aria-selected', 'true')
    await user.keyboard('{Home}')
    expect(tab('Webhook payload')).toHaveAttribute('aria-selected', 'true')
  })

  it('explains a failed fetch in words, and Retry fetches again', async () => {
    const fetchTriggerResource = vi
      .fn<TriggerBackend['fetchTriggerResource']>()
      .mockRejectedValueOnce(
        new BackendError('not_found', 'Product 205 no longer exists in Demo Store (it may have been deleted). Test with a newer event.'),
      )
      .mockImplementation(({ payload }) => Promise.resolve(resourceOf(payload)))
    const { user } = renderOutput(liveTest, { fetchTriggerResource })
    await user.click(tab('Resource'))

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The record could not be fetched: Product 205 no longer exists in Demo Store (it may have been deleted). Test with a newer event.',
    )
    // A live sample's ids are real, so the note about the documented sample's ids stays out.
    expect(screen.getByRole('alert')).not.toHaveTextContent(documentedSampleNote)

    await user.click(screen.getByRole('button', { name: 'Retry' }))
    expect(await screen.findByRole('tree', { name: 'Resource' })).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(fetchTriggerResource).toHaveBeenCalledTimes(2)
  })

  it('adds that the documented sample’s ids are examples when fetching its record fails', async () => {
    const sampleTest: TriggerTest = { ...liveTest, source: 'sample' }
    const message =
      'The API account behind this token lacks the Products: read-only OAuth scope (store_v2_products_read_only). In BigCommerce, create an API account with that scope, then add it here with + Add New Account.'
    const { user } = renderOutput(sampleTest, {
      fetchTriggerResource: () => Promise.reject(new BackendError('missing_scope', message)),
    })
    expect(output()).toHaveTextContent('Documented sample')
    await user.click(tab('Resource'))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(message)
    expect(alert).toHaveTextContent(documentedSampleNote)
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument()
  })

  it('lets the user pick one of the last delivered events, and shows it in both tabs', async () => {
    const deliveries: TriggerDelivery[] = [
      delivered('del-2', '2026-01-04T09:00:00.000Z', product(207)),
      delivered('del-1', '2026-01-03T08:00:00.000Z', product(206)),
    ]
    const { backend, user } = renderOutput(liveTest, { listTriggerDeliveries: () => page(deliveries) })
    const picker = screen.getByRole('combobox', { name: 'Sample' })
    await waitFor(() => expect(within(picker).getAllByRole('option')).toHaveLength(3))
    expect(
      within(picker)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual([
      'Test result: Live sample from your store · Product 205',
      `Delivered ${formatTime('2026-01-04T09:00:00.000Z')} · Product 207`,
      `Delivered ${formatTime('2026-01-03T08:00:00.000Z')} · Product 206`,
    ])

    await user.selectOptions(picker, `Delivered ${formatTime('2026-01-03T08:00:00.000Z')} · Product 206`)
    expect(output()).toHaveTextContent('Delivered event')
    expect(output()).toHaveTextContent(`Received ${formatTime('2026-01-03T08:00:00.000Z')}`)
    const payload = screen.getByRole('region', { name: 'Payload' })
    expect(await within(payload).findByRole('treeitem', { name: 'id: 206' })).toBeInTheDocument()
    expect(JSON.parse(payload.querySelector('pre')?.textContent ?? '')).toEqual(product(206))

    await user.click(tab('Resource'))
    expect(await screen.findByText('GET /v3/catalog/products/206')).toBeInTheDocument()
    expect(backend.fetchTriggerResource).toHaveBeenLastCalledWith({ automationId: 'auto-1', payload: product(206) }, expect.anything())

    await user.selectOptions(picker, 'Test result: Live sample from your store · Product 205')
    expect(await screen.findByText('GET /v3/catalog/products/205')).toBeInTheDocument()
    expect(output()).toHaveTextContent(`Tested ${formatTime(liveTest.testedAt)}`)
  })

  it('does not list the delivery the test itself showed twice', async () => {
    const stored = delivered('del-1', '2026-01-03T08:00:00.000Z', product(206))
    const test: TriggerTest = { ...liveTest, source: 'delivered', payload: stored.payload, deliveryId: stored.id }
    const { backend } = renderOutput(test, {
      listTriggerDeliveries: vi.fn<TriggerBackend['listTriggerDeliveries']>(() => page([stored])),
    })
    await waitFor(() => expect(backend.listTriggerDeliveries).toHaveBeenCalled())
    expect(await screen.findByText(/Up to 10 events BigCommerce delivers to this trigger/)).toBeInTheDocument()
    expect(
      within(screen.getByRole('combobox', { name: 'Sample' }))
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Test result: Delivered event · Product 206'])
  })

  it('marks a replayed delivery as a replay, with when it was received, and fetches its record now', async () => {
    const stored = delivered('del-9', '2026-01-02T07:00:00.000Z', product(209))
    const { backend, user } = renderOutput({ kind: 'replay', delivery: stored }, { listTriggerDeliveries: () => page([stored]) })
    expect(output()).toHaveTextContent('Replay')
    expect(output()).toHaveTextContent(`Received ${formatTime(stored.receivedAt)}`)
    expect(output()).toHaveTextContent('A replay of a stored delivery')
    expect(screen.getByRole('combobox', { name: 'Sample' })).toHaveDisplayValue(
      `Replay of the delivery of ${formatTime(stored.receivedAt)} · Product 209`,
    )
    await user.click(tab('Resource'))
    expect(await screen.findByText('GET /v3/catalog/products/209')).toBeInTheDocument()
    expect(backend.fetchTriggerResource).toHaveBeenCalledWith({ automationId: 'auto-1', payload: product(209) }, expect.anything())
  })

  it('says a delivery arrived while listening', () => {
    renderOutput({ kind: 'arrived', delivery: delivered('del-3', '2026-01-02T07:00:00.000Z', product(210)) })
    expect(output()).toHaveTextContent('Arrived while listening')
    expect(output()).toHaveTextContent('BigCommerce sent this event while the trigger was listening.')
  })
})
