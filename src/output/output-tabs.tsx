import { useId, useRef, useState, type KeyboardEvent } from 'react'
import type { Callback } from '../contract/events'
import { slugify } from './json-viewer/slugify'
import { LazyJsonViewer } from './lazy-json-viewer'
import { ResourcePanel } from './resource-panel'

type OutputTab = 'payload' | 'resource'

const TABS: readonly { id: OutputTab; label: string }[] = [
  { id: 'payload', label: 'Webhook payload' },
  { id: 'resource', label: 'Resource' },
]

/** e.g. `product-205-webhook-payload.json`, so several downloads can sit side by side. */
export function downloadName(payload: Callback, what: string): string {
  return `${slugify(`${payload.data.type} ${String(payload.data.id)} ${what}`)}.json`
}

/**
 * The sample as BigCommerce delivers it and the record it points at, as WAI-ARIA tabs with
 * automatic activation (like the wizard's TriggerTabs). Only the selected panel is rendered, so
 * the record is fetched only when its tab is opened.
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
  const id = useId()
  const [selected, setSelected] = useState<OutputTab>('payload')
  const tabRefs = useRef(new Map<OutputTab, HTMLButtonElement>())

  function handleKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const current = TABS.findIndex((tab) => tab.id === selected)
    const next =
      event.key === 'ArrowRight'
        ? (current + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (current - 1 + TABS.length) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : null
    if (next === null) return
    event.preventDefault()
    const tab = TABS[next]
    if (!tab) return
    tabRefs.current.get(tab.id)?.focus()
    setSelected(tab.id)
  }

  return (
    <div className="output-tabs">
      <div role="tablist" aria-label="Output views" className="tablist">
        {TABS.map((tab) => (
          <button
            key={tab.id}
            ref={(element) => {
              if (element) tabRefs.current.set(tab.id, element)
              else tabRefs.current.delete(tab.id)
            }}
            type="button"
            role="tab"
            id={`${id}-${tab.id}-tab`}
            aria-selected={tab.id === selected}
            aria-controls={`${id}-${tab.id}-panel`}
            tabIndex={tab.id === selected ? 0 : -1}
            className="tab"
            onClick={() => setSelected(tab.id)}
            onKeyDown={handleKeyDown}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {/* Both panels exist so every aria-controls points at an element; only the selected one has content. */}
      <div role="tabpanel" id={`${id}-payload-panel`} aria-labelledby={`${id}-payload-tab`} hidden={selected !== 'payload'}>
        {selected === 'payload' && <PayloadPanel payload={payload} />}
      </div>
      <div role="tabpanel" id={`${id}-resource-panel`} aria-labelledby={`${id}-resource-tab`} hidden={selected !== 'resource'}>
        {selected === 'resource' && (
          <ResourcePanel
            automationId={automationId}
            payload={payload}
            isDocumentedSample={isDocumentedSample}
            fileName={downloadName(payload, 'resource')}
          />
        )}
      </div>
    </div>
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
