import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { JsonViewer } from './json-viewer'

const payload = {
  scope: 'store/order/created',
  store_id: '1001',
  data: { type: 'order', id: 250 },
  items: [
    { name: 'Orange mug', sku: 'MUG-1', price: 12 },
    { name: 'Plate', price: null },
  ],
  hash: 'abc123',
}

function renderViewer(value: unknown = payload) {
  const user = userEvent.setup()
  render(<JsonViewer value={value} label="Webhook payload" />)
  return { user, tree: () => screen.getByRole('tree', { name: 'Webhook payload' }) }
}

const itemNames = () => screen.getAllByRole('treeitem').map((item) => item.getAttribute('data-index') && itemName(item))
const itemName = (item: HTMLElement) => item.querySelector('.jv-label')?.textContent ?? ''

afterEach(() => {
  vi.restoreAllMocks()
})

describe('JsonViewer tree', () => {
  it('shows the top level and its first level as an ARIA tree', () => {
    const { tree } = renderViewer()
    expect(tree()).toBeInTheDocument()
    expect(itemNames()).toEqual([
      'scope: "store/order/created"',
      'store_id: "1001"',
      'data: {2}',
      'type: "order"',
      'id: 250',
      'items: [2]',
      '0: {3}',
      '1: {2}',
      'hash: "abc123"',
    ])
    const data = screen.getByRole('treeitem', { name: 'data: {2}' })
    expect(data).toHaveAttribute('aria-expanded', 'true')
    expect(data).toHaveAttribute('aria-level', '1')
    expect(data).toHaveAttribute('aria-setsize', '5')
    expect(data).toHaveAttribute('aria-posinset', '3')
    const id = screen.getByRole('treeitem', { name: 'id: 250' })
    expect(id).toHaveAttribute('aria-level', '2')
    expect(id).toHaveAttribute('aria-posinset', '2')
    expect(id).not.toHaveAttribute('aria-expanded')
    expect(screen.getByRole('treeitem', { name: '0: {3}' })).toHaveAttribute('aria-expanded', 'false')
  })

  it('colours values by type', () => {
    renderViewer()
    expect(screen.getByText('250')).toHaveClass('jv-number')
    expect(screen.getByText('"abc123"')).toHaveClass('jv-string')
  })

  it('moves with the arrow keys, Home and End, with one tab stop', async () => {
    const { user } = renderViewer()
    await user.tab()
    // The view switcher and search come first.
    while (document.activeElement?.getAttribute('role') !== 'treeitem') await user.tab()
    expect(document.activeElement).toHaveAccessibleName('scope: "store/order/created"')
    expect(screen.getAllByRole('treeitem').filter((item) => item.tabIndex === 0)).toHaveLength(1)

    await user.keyboard('{ArrowDown}{ArrowDown}')
    expect(document.activeElement).toHaveAccessibleName('data: {2}')
    await user.keyboard('{ArrowUp}')
    expect(document.activeElement).toHaveAccessibleName('store_id: "1001"')
    await user.keyboard('{End}')
    expect(document.activeElement).toHaveAccessibleName('hash: "abc123"')
    await user.keyboard('{Home}')
    expect(document.activeElement).toHaveAccessibleName('scope: "store/order/created"')
  })

  it('expands, enters, leaves and collapses with ArrowRight and ArrowLeft', async () => {
    const { user } = renderViewer()
    const first = screen.getByRole('treeitem', { name: '0: {3}' })
    first.focus()
    await user.keyboard('{ArrowRight}')
    expect(first).toHaveAttribute('aria-expanded', 'true')
    expect(screen.getByRole('treeitem', { name: 'sku: "MUG-1"' })).toBeInTheDocument()
    await user.keyboard('{ArrowRight}')
    expect(document.activeElement).toHaveAccessibleName('name: "Orange mug"')
    await user.keyboard('{ArrowLeft}')
    expect(document.activeElement).toHaveAccessibleName('0: {3}')
    await user.keyboard('{ArrowLeft}')
    expect(first).toHaveAttribute('aria-expanded', 'false')
    await user.keyboard('{ArrowLeft}')
    expect(document.activeElement).toHaveAccessibleName('items: [2]')
    await user.keyboard('{Enter}')
    expect(document.activeElement).toHaveAttribute('aria-expanded', 'false')
    await user.keyboard(' ')
    expect(document.activeElement).toHaveAttribute('aria-expanded', 'true')
  })

  it('expands and collapses everything', async () => {
    const { user } = renderViewer()
    await user.click(screen.getByRole('button', { name: 'Expand all' }))
    expect(screen.getAllByRole('treeitem')).toHaveLength(14)
    await user.click(screen.getByRole('button', { name: 'Collapse all' }))
    expect(itemNames()).toEqual(['scope: "store/order/created"', 'store_id: "1001"', 'data: {2}', 'items: [2]', 'hash: "abc123"'])
  })

  it('filters to matches, highlights them and announces the count', async () => {
    const { user } = renderViewer()
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'plate')
    await screen.findByText('1 match')
    expect(screen.getAllByRole('status').map((status) => status.textContent)).toContain('1 match')
    expect(itemNames()).toEqual(['items: [2]', '1: {2}', 'name: "Plate"'])
    const marks = screen.getByRole('tree').querySelectorAll('mark')
    expect([...marks].map((mark) => mark.textContent)).toEqual(['Plate'])

    await user.clear(screen.getByRole('searchbox', { name: 'Search' }))
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'nothing like this')
    expect(await screen.findByText('No matches')).toBeInTheDocument()
    expect(screen.queryByRole('tree')).not.toBeInTheDocument()
  })

  it('copies a path and a value to the clipboard and says so', async () => {
    const { user } = renderViewer()
    const writeText = vi.spyOn(navigator.clipboard, 'writeText')
    await user.click(screen.getByRole('button', { name: 'Copy path data.id' }))
    expect(writeText).toHaveBeenCalledWith('data.id')
    expect(await screen.findByText('Copied path data.id')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Copy value store_id' }))
    expect(writeText).toHaveBeenLastCalledWith('1001')
    // Copying does not toggle the row it sits on.
    await user.click(screen.getByRole('button', { name: 'Copy value data' }))
    expect(JSON.parse(String(writeText.mock.lastCall?.[0]))).toEqual(payload.data)
    expect(screen.getByRole('treeitem', { name: 'data: {2}' })).toHaveAttribute('aria-expanded', 'true')
  })

  it('copies and downloads the whole JSON', async () => {
    const { user } = renderViewer()
    const writeText = vi.spyOn(navigator.clipboard, 'writeText')
    await user.click(screen.getByRole('button', { name: 'Copy JSON' }))
    expect(JSON.parse(String(writeText.mock.lastCall?.[0]))).toEqual(payload)

    // jsdom has no object URLs and cannot navigate to one.
    const createObjectURL = vi.fn<(blob: Blob) => string>(() => 'blob:json')
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn<(url: string) => void>() })
    const click = vi.spyOn<HTMLAnchorElement, 'click'>(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toBe('webhook-payload.json')
      expect(this.href).toBe('blob:json')
    })
    await user.click(screen.getByRole('button', { name: 'Download JSON' }))
    expect(click).toHaveBeenCalledTimes(1)
    const blob = createObjectURL.mock.calls[0]?.[0]
    expect(blob?.type).toBe('application/json')
    expect(JSON.parse((await blob?.text()) ?? '')).toEqual(payload)
  })

  it('renders a bounded number of rows for a large value', async () => {
    const large = { items: Array.from({ length: 20_000 }, (_, index) => ({ id: index, name: `Item ${index}` })) }
    const { user, tree } = renderViewer(large)
    expect(screen.getAllByRole('treeitem').length).toBeLessThan(80)
    await user.click(screen.getByRole('button', { name: 'Expand all' }))
    expect(screen.getAllByRole('treeitem').length).toBeLessThan(80)
    // The spacer is as tall as all 60,001 rows.
    expect(tree().style.height).toBe(`${60_001 * 28}px`)
    screen.getAllByRole('treeitem')[0]?.focus()
    await user.keyboard('{End}')
    expect(document.activeElement).toHaveAccessibleName('name: "Item 19999"')
    expect(screen.getAllByRole('treeitem').length).toBeLessThan(80)
  })
})

describe('JsonViewer table and schema', () => {
  it('lists every leaf by path, type and value', async () => {
    const { user } = renderViewer()
    await user.click(screen.getByRole('radio', { name: 'Table' }))
    const table = screen.getByRole('table', { name: 'Webhook payload: every value by path' })
    const headers = within(table).getAllByRole('columnheader')
    expect(headers.map((cell) => cell.textContent)).toEqual(['Path', 'Type', 'Value'])
    const row = within(table).getByRole('row', { name: 'data.id number 250' })
    expect(row).toBeInTheDocument()
    expect(within(table).getByRole('row', { name: 'items[1].price null null' })).toBeInTheDocument()
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 10)

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'mug')
    expect(await screen.findByText('2 matches')).toBeInTheDocument()
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((tr) => tr.querySelector('td')?.textContent),
    ).toEqual(['items[0].name', 'items[0].sku'])
    expect([...table.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['mug', 'MUG'])
  })

  it('virtualises a large table', async () => {
    const large = Array.from({ length: 20_000 }, (_, index) => ({ id: index }))
    const { user } = renderViewer(large)
    await user.click(screen.getByRole('radio', { name: 'Table' }))
    const table = screen.getByRole('table')
    expect(table).toHaveAttribute('aria-rowcount', '20001')
    expect(within(table).getAllByRole('row').length).toBeLessThan(80)
  })

  it('shows the inferred schema', async () => {
    const { user } = renderViewer()
    await user.click(screen.getByRole('radio', { name: 'Schema' }))
    const table = screen.getByRole('table', { name: 'Webhook payload: inferred schema' })
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Field', 'Type', 'Optional'])
    expect(within(table).getByRole('row', { name: 'items[].sku string Yes' })).toBeInTheDocument()
    expect(within(table).getByRole('row', { name: 'items[].price number | null No' })).toBeInTheDocument()
    expect(within(table).getByRole('row', { name: 'data.id number No' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Expand all' })).not.toBeInTheDocument()
  })
})
