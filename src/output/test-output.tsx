import { useId, useState } from 'react'
import type { TestSource, TriggerDelivery, TriggerTest } from '../contract/api'
import type { Callback } from '../contract/events'
import { toBackendError } from '../backend/backend-error'
import { useDeliveriesQuery } from '../backend/trigger-queries'
import { OutputTabs, subjectOf } from './output-tabs'
import { formatTime } from '../ui/format-time'

const testSourceLabels: Record<TestSource, string> = {
  delivered: 'Delivered event',
  live: 'Live sample from your store',
  sample: 'Documented sample',
}

/** Said when the backend gives no `note` of its own on why it used this source. */
const sourceExplanations: Record<TestSource, string> = {
  delivered: 'BigCommerce sent this event to the trigger.',
  live: 'Built from the newest matching record in your store, in the shape BigCommerce delivers.',
  sample: 'This is the example from the BigCommerce documentation.',
}

/** The select's value for the test's own result; deliveries use their ids, which are never empty. */
const TEST_RESULT = ''

type Sample = { source: TestSource; payload: Callback; time: { words: string; iso: string }; explanation: string }

/**
 * The result of Test Trigger: which sample is shown (the test's, or one of the trigger's last
 * deliveries), where it came from and when, and the sample itself with the record behind it.
 */
export function TestOutput({ automationId, test }: { automationId: string; test: TriggerTest }) {
  const headingId = useId()
  const pickerId = useId()
  const deliveries = useDeliveriesQuery(automationId)
  // The pick belongs to one test result: a new test shows its own sample again.
  const [picked, setPicked] = useState({ test, deliveryId: TEST_RESULT })
  const pickedId = picked.test === test ? picked.deliveryId : TEST_RESULT

  // A delivery the test itself showed is the test result; listing it twice would confuse.
  const others: TriggerDelivery[] = (deliveries.data ?? []).filter((delivery) => delivery.id !== test.deliveryId)
  const delivery = others.find((candidate) => candidate.id === pickedId)
  const sample: Sample = delivery
    ? {
        source: 'delivered',
        payload: delivery.payload,
        time: { words: 'Received', iso: delivery.receivedAt },
        explanation: sourceExplanations.delivered,
      }
    : {
        source: test.source,
        payload: test.payload,
        time: { words: 'Tested', iso: test.testedAt },
        // The backend knows why it fell back (no such record yet, or a missing OAuth scope).
        explanation: test.note ?? sourceExplanations[test.source],
      }

  return (
    <section className="output" aria-labelledby={headingId}>
      <h3 id={headingId}>Output</h3>
      <div className="field output-picker">
        <label htmlFor={pickerId}>Sample</label>
        <select
          id={pickerId}
          className="input"
          value={delivery ? delivery.id : TEST_RESULT}
          onChange={(event) => setPicked({ test, deliveryId: event.target.value })}
        >
          <option value={TEST_RESULT}>
            Test result: {testSourceLabels[test.source]} · {subjectOf(test.payload)}
          </option>
          {others.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              Delivered {formatTime(candidate.receivedAt)} · {subjectOf(candidate.payload)}
            </option>
          ))}
        </select>
        {deliveries.isError ? (
          <p className="field-note">The trigger’s delivered events could not be listed: {toBackendError(deliveries.error).message}</p>
        ) : (
          deliveries.isSuccess &&
          others.length === 0 && <p className="field-note">Up to 10 events BigCommerce delivers to this trigger are listed here too.</p>
        )}
      </div>
      <p className="output-meta">
        <span className="badge badge-ok">{testSourceLabels[sample.source]}</span>{' '}
        <span>
          {sample.time.words} <time dateTime={sample.time.iso}>{formatTime(sample.time.iso)}</time>
        </span>
      </p>
      <p className="muted">{sample.explanation}</p>
      <OutputTabs automationId={automationId} payload={sample.payload} isDocumentedSample={sample.source === 'sample'} />
    </section>
  )
}
