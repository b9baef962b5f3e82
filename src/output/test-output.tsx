import { lazy, Suspense, useId } from 'react'
import type { TestSource, TriggerTest } from '../contract/api'

// The viewer grows into JSON / table / schema views; it loads only once there is output to show.
const PayloadViewer = lazy(() => import('./payload-viewer').then((module) => ({ default: module.PayloadViewer })))

export const testSourceLabels: Record<TestSource, string> = {
  delivered: 'Delivered event',
  live: 'Live sample from your store',
  sample: 'Documented sample',
}

const sourceExplanations: Record<TestSource, string> = {
  delivered: 'BigCommerce sent this event to the trigger.',
  live: 'Built from the newest matching record in your store, in the shape BigCommerce delivers.',
  sample: 'Your store has no matching record yet, so this is the example from the BigCommerce documentation.',
}

export function formatTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
}

/** The result of Test Trigger: where the payload came from, when, and the payload itself. */
export function TestOutput({ test }: { test: TriggerTest }) {
  const headingId = useId()
  return (
    <section className="output" aria-labelledby={headingId}>
      <h3 id={headingId}>Output</h3>
      <p className="output-meta">
        <span className="badge badge-ok">{testSourceLabels[test.source]}</span>{' '}
        <span>
          Tested <time dateTime={test.testedAt}>{formatTime(test.testedAt)}</time>
        </span>
      </p>
      <p className="muted">{sourceExplanations[test.source]}</p>
      <Suspense fallback={<output>Loading payload…</output>}>
        <PayloadViewer payload={test.payload} />
      </Suspense>
    </section>
  )
}
