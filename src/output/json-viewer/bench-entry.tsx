// The page scripts/bench-viewer.mjs drives: renders JsonViewer with a generated record of
// `?bytes=` size and publishes timings on window.jsonViewerBench. Not imported by the app.
import { useLayoutEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { FieldPresenceTable } from '../field-presence-table'
import { JsonDiffTable } from '../json-diff-table'
import { treeRowHeight } from './json-tree'
import { JsonViewer } from './json-viewer'
// The app's global stylesheet, so the page lays out as it does in the wizard.
import '../../styles.css'

export interface BenchResult {
  bytes: number
  /** From render() to React's commit. */
  commitMs: number
  /** From render() to the first frame after the commit. */
  firstRenderMs: number
  /** From clicking "Expand all" to the first frame after its commit. */
  expandAllMs: number
  /** From typing a query that matches nothing (a full scan) to the frame showing "No matches", debounce included. */
  searchMs: number
  /**
   * The delivery log's Compare on two such records (every tenth item changed) and the field
   * matrix of both: from render() to the first frame showing them.
   */
  compareMs: number
  diffRows: number
  visibleRows: number
  renderedItems: number
  domNodes: number
}

declare global {
  interface Window {
    jsonViewerBench?: BenchResult | { error: string }
  }
}

/** An order-like record, grown item by item until its JSON reaches `bytes`. */
function makeRecord(bytes: number): { record: unknown; size: number } {
  const products: unknown[] = []
  const record = {
    id: 100234,
    status: 'Awaiting Fulfillment',
    customer: { id: 11, email: 'ada@example.com', name: 'Ada Lovelace', notes: null },
    billing_address: { street_1: '12 Analytical Way', city: 'London', zip: 'N1 9GU', country_iso2: 'GB' },
    products,
  }
  let size = JSON.stringify(record).length
  for (let index = 0; size < bytes; index++) {
    const product = {
      id: index,
      product_id: 1000 + (index % 97),
      name: `Product ${index} – ${index % 3 === 0 ? 'Orange mug' : 'Dinner plate'}`,
      sku: `SKU-${index}`,
      quantity: (index % 5) + 1,
      price_inc_tax: Number((index * 1.37).toFixed(2)),
      is_refunded: index % 11 === 0,
      gift_wrapping: index % 7 === 0 ? { id: 2, message: 'Happy birthday' } : null,
      product_options: [
        { id: index * 2, display_name: 'Size', display_value: ['S', 'M', 'L'][index % 3] },
        { id: index * 2 + 1, display_name: 'Colour', display_value: 'Blue' },
      ],
      applied_discounts: [],
    }
    products.push(product)
    size += JSON.stringify(product).length + 1
  }
  return { record, size }
}

const nextFrame = () =>
  // The rAF callback runs before paint; the task after it runs once the frame is out.
  new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))

function CommitProbe({ onCommit }: { onCommit: () => void }) {
  useLayoutEffect(onCommit, [onCommit])
  return null
}

async function run(): Promise<BenchResult> {
  const requested = Number(new URLSearchParams(location.search).get('bytes') ?? '100000')
  const { record, size } = makeRecord(requested)
  const container = document.getElementById('root')
  if (!container) throw new Error('No #root')

  let committedAt = 0
  const start = performance.now()
  createRoot(container).render(
    <>
      <JsonViewer value={record} label="Bench record" />
      <CommitProbe onCommit={() => (committedAt = performance.now())} />
    </>,
  )
  await new Promise<void>((resolve) => {
    const wait = () => (committedAt ? resolve() : setTimeout(wait, 0))
    wait()
  })
  await nextFrame()
  const firstRenderMs = performance.now() - start

  const expandAll = [...document.querySelectorAll('button')].find((button) => button.textContent === 'Expand all')
  if (!expandAll) throw new Error('No Expand all button')
  const expandStart = performance.now()
  expandAll.click()
  await nextFrame()
  const expandAllMs = performance.now() - expandStart

  const tree = document.querySelector<HTMLElement>('[role="tree"]')
  const visibleRows = Math.round((tree?.offsetHeight ?? 0) / treeRowHeight)
  const renderedItems = document.querySelectorAll('[role="treeitem"]').length
  const domNodes = document.getElementsByTagName('*').length

  const searchBox = document.querySelector<HTMLInputElement>('input[type="search"]')
  if (!searchBox) throw new Error('No search box')
  const searchStart = performance.now()
  // React listens for input events and reads the value through the prototype setter it patched.
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(searchBox, 'no such value')
  searchBox.dispatchEvent(new Event('input', { bubbles: true }))
  await new Promise<void>((resolve) => {
    const wait = () =>
      [...document.querySelectorAll('output')].some((status) => status.textContent === 'No matches') ? resolve() : setTimeout(wait, 5)
    wait()
  })
  await nextFrame()
  const searchMs = performance.now() - searchStart

  const changed = structuredClone(record) as { products: { quantity: number }[] }
  changed.products.forEach((product, index) => {
    if (index % 10 === 0) product.quantity += 1
  })
  const compareContainer = document.createElement('div')
  document.body.append(compareContainer)
  let comparedAt = 0
  const compareStart = performance.now()
  createRoot(compareContainer).render(
    <>
      <JsonDiffTable left={record} right={changed} leftLabel="First" rightLabel="Second" />
      <FieldPresenceTable documents={[record, changed]} what={{ one: 'record', other: 'records' }} />
      <CommitProbe onCommit={() => (comparedAt = performance.now())} />
    </>,
  )
  await new Promise<void>((resolve) => {
    const wait = () => (comparedAt ? resolve() : setTimeout(wait, 0))
    wait()
  })
  await nextFrame()
  const compareMs = performance.now() - compareStart
  const diffRows = compareContainer.querySelectorAll('.diff-table tbody tr').length

  return {
    bytes: size,
    commitMs: committedAt - start,
    firstRenderMs,
    expandAllMs,
    searchMs,
    compareMs,
    diffRows,
    visibleRows,
    renderedItems,
    domNodes,
  }
}

run().then(
  (result) => (window.jsonViewerBench = result),
  (error: unknown) => (window.jsonViewerBench = { error: String(error) }),
)
