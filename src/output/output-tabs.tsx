import type { Callback } from '../contract/events'
import { usePlaceState } from '../ui/place-state'
import { Tabs, type TabDefinition } from '../ui/tabs'
import { slugify } from './json-viewer/slugify'
import { LazyJsonViewer } from './lazy-json-viewer'
import { outputTabs, type OutputTab } from './output-views'
import { ResourcePanel } from './resource-panel'

const TABS: readonly TabDefinition<OutputTab>[] = [
  { id: 'payload', label: 'Webhook payload' },
  { id: 'resource', label: 'Resource' },
]

/** What a sample points at, e.g. `product 205`, within a sentence: "A Product Created event arrived: product 205." */
export function subjectOf(payload: Callback): string {
  return `${payload.data.type} ${String(payload.data.id)}`
}

/** Record types whose name is not just the type capitalised. */
const RECORD_NAMES: Partial<Record<string, string>> = { sku: 'SKU' }

/**
 * The same standing alone, as a table cell, a heading or a list's option names it: `Product 205`,
 * `SKU 461`, beside labels such as "Product Created".
 */
export function recordLabel(payload: Callback): string {
  const { type, id } = payload.data
  return `${RECORD_NAMES[type] ?? `${type.charAt(0).toUpperCase()}${type.slice(1)}`} ${String(id)}`
}

/** e.g. `product-205-webhook-payload.json`, so several downloads can sit side by side. */
export function downloadName(payload: Callback, what: string): string {
  return `${slugify(`${subjectOf(payload)} ${what}`)}.json`
}

/**
 * The sample as BigCommerce delivers it and the record it points at, as tabs. Only the selected
 * panel is rendered, so the record is fetched only when its tab is opened.
 */
export function OutputTabs({
  automationId,
  payload,
  isDocumentedSample,
}: {
  automationId: string
  payload: Callback
  isDocumentedSample: boolean
}) {
  const [chosen, setSelected] = usePlaceState('output', outputTabs)
  const selected = chosen ?? 'payload'
  return (
    <Tabs label="Output views" tabs={TABS} selected={selected} onSelect={setSelected} className="output-tabs">
      {selected === 'payload' ? (
        <PayloadPanel payload={payload} />
      ) : (
        <ResourcePanel
          automationId={automationId}
          payload={payload}
          isDocumentedSample={isDocumentedSample}
          fileName={downloadName(payload, 'resource')}
        />
      )}
    </Tabs>
  )
}

/**
 * The delivery exactly as BigCommerce sends it. The region keeps the name "Payload" and the raw
 * JSON stays in a `<pre>`, which is where the end-to-end tests read the payload from.
 */
function PayloadPanel({ payload }: { payload: Callback }) {
  return (
    <section aria-label="Payload" className="stack-tight">
      <LazyJsonViewer value={payload} label="Webhook payload" fileName={downloadName(payload, 'webhook payload')} />
      <details className="raw-json">
        <summary>Raw JSON</summary>
        {/* Wrapped rather than scrolled (see .raw-json), so it needs no tab stop of its own. */}
        <pre>
          <code>{JSON.stringify(payload, null, 2)}</code>
        </pre>
      </details>
    </section>
  )
}
