import { useId, useState } from 'react'
import type { TriggerDelivery } from '../contract/deliveries'
import type { TestSource, TriggerTest } from '../contract/trigger-test'
import type { Callback } from '../contract/events'
import { toBackendError } from '../backend/backend-error'
import { useDeliveriesQuery } from '../backend/trigger-queries'
import { OutputTabs, recordLabel } from './output-tabs'
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

/**
 * What the output shows first: a test's result, the delivery that arrived while listening, or a
 * stored delivery replayed from the log.
 */
export type OutputResult =
  | { kind: 'test'; test: TriggerTest }
  | { kind: 'arrived'; delivery: TriggerDelivery }
  | { kind: 'replay'; delivery: TriggerDelivery }

/** The select's value for the result itself; deliveries use their ids, which are never empty. */
const RESULT = ''

type Sample = {
  source: TestSource
  payload: Callback
  time: { words: string; iso: string }
  explanation: string
  /** A second badge, e.g. "Replay". */
  mark: string | null
}

function resultSample(result: OutputResult): Sample {
  if (result.kind === 'test') {
    const { test } = result
    return {
      source: test.source,
      payload: test.payload,
      time: { words: 'Tested', iso: test.testedAt },
      // The backend knows why it fell back (no such record yet, or a missing OAuth scope).
      explanation: test.note ?? sourceExplanations[test.source],
      mark: null,
    }
  }
  const { delivery } = result
  return {
    source: 'delivered',
    payload: delivery.payload,
    time: { words: 'Received', iso: delivery.receivedAt },
    explanation:
      result.kind === 'arrived'
        ? 'BigCommerce sent this event while the trigger was listening.'
        : 'A replay of a stored delivery: the payload as BigCommerce sent it, and its record as the store has it now.',
    mark: result.kind === 'arrived' ? 'Arrived while listening' : 'Replay',
  }
}

function resultOption(result: OutputResult): string {
  if (result.kind === 'test') return `Test result: ${testSourceLabels[result.test.source]} · ${recordLabel(result.test.payload)}`
  const { delivery } = result
  const words = result.kind === 'arrived' ? 'Arrived while listening' : `Replay of the delivery of ${formatTime(delivery.receivedAt)}`
  return `${words} · ${recordLabel(delivery.payload)}`
}

/** The stored delivery a result is, if it is one, so the picker does not list it twice. */
function resultDeliveryId(result: OutputResult): string | null {
  return result.kind === 'test' ? (result.test.deliveryId ?? null) : result.delivery.id
}

/**
 * The output of Test Trigger: which sample is shown (the result, or one of the trigger's last
 * deliveries), where it came from and when, and the sample itself with the record behind it.
 */
export function TestOutput({ automationId, result }: { automationId: string; result: OutputResult }) {
  const headingId = useId()
  const pickerId = useId()
  const deliveries = useDeliveriesQuery(automationId)
  // The pick belongs to one result: a new one shows its own sample again.
  const [picked, setPicked] = useState({ result, deliveryId: RESULT })
  const pickedId = picked.result === result ? picked.deliveryId : RESULT

  const shownId = resultDeliveryId(result)
  const others: TriggerDelivery[] = (deliveries.data?.deliveries ?? []).filter((delivery) => delivery.id !== shownId)
  const delivery = others.find((candidate) => candidate.id === pickedId)
  const sample: Sample = delivery
    ? {
        source: 'delivered',
        payload: delivery.payload,
        time: { words: 'Received', iso: delivery.receivedAt },
        explanation: sourceExplanations.delivered,
        mark: null,
      }
    : resultSample(result)

  return (
    <section className="output" aria-labelledby={headingId}>
      <h3 id={headingId}>Output</h3>
      <div className="field output-picker">
        <label htmlFor={pickerId}>Sample</label>
        <select
          id={pickerId}
          className="input"
          value={delivery ? delivery.id : RESULT}
          onChange={(event) => setPicked({ result, deliveryId: event.target.value })}
        >
          <option value={RESULT}>{resultOption(result)}</option>
          {others.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              Delivered {formatTime(candidate.receivedAt)} · {recordLabel(candidate.payload)}
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
        <span className="badge badge-ok">{testSourceLabels[sample.source]}</span>
        {sample.mark && <span className="badge badge-info">{sample.mark}</span>}{' '}
        <span>
          {sample.time.words} <time dateTime={sample.time.iso}>{formatTime(sample.time.iso)}</time>
        </span>
      </p>
      <p className="muted">{sample.explanation}</p>
      <OutputTabs automationId={automationId} payload={sample.payload} isDocumentedSample={sample.source === 'sample'} />
    </section>
  )
}
