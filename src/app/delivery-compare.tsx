import { useId, useMemo, useState } from 'react'
import type { Automation } from '../contract/automations'
import type { TriggerDelivery } from '../contract/deliveries'
import type { Callback } from '../contract/events'
import { bigcommerceConnector } from '../connectors/bigcommerce'
import { toBackendError } from '../backend/backend-error'
import { useResourceQuery } from '../backend/trigger-queries'
import { JsonDiffTable } from '../output/json-diff-table'
import { recordLabel } from '../output/output-tabs'
import { formatTime } from '../ui/format-time'

type Choice = { value: string; label: string; payload: Callback; isSample: boolean }

const SAMPLE = 'sample:'

/**
 * What can be compared: the deliveries listed, and the documented sample of each event among
 * them, with the store's producer as Test Trigger shows it.
 */
function choicesOf(deliveries: readonly TriggerDelivery[]): Choice[] {
  const producer = deliveries[0]?.payload.producer
  const samples = bigcommerceConnector.events
    .filter((event) => deliveries.some((delivery) => delivery.payload.scope === event.scope))
    .map((event) => ({
      value: `${SAMPLE}${event.scope}`,
      label: `Documented sample · ${event.label}`,
      payload: { ...structuredClone(event.sample), ...(producer === undefined ? {} : { producer }) },
      isSample: true,
    }))
  return [
    ...deliveries.map((delivery) => ({
      value: delivery.id,
      label: `${formatTime(delivery.receivedAt)} · ${recordLabel(delivery.payload)}`,
      payload: delivery.payload,
      isSample: false,
    })),
    ...samples,
  ]
}

/** Two deliveries (or one and the documented sample) side by side: which paths were added, removed or changed. */
export function DeliveryCompare({ automation, deliveries }: { automation: Automation; deliveries: readonly TriggerDelivery[] }) {
  const id = useId()
  const choices = useMemo(() => choicesOf(deliveries), [deliveries])
  const [picked, setPicked] = useState<{ first?: string; second?: string }>({})
  const [what, setWhat] = useState<'payload' | 'record'>('payload')
  // By default the two newest, or the newest and its event's sample when there is one delivery.
  const first = choices.find((choice) => choice.value === picked.first) ?? choices[0]
  const second =
    choices.find((choice) => choice.value === picked.second) ??
    choices.find((choice) => choice !== first && (deliveries.length > 1 ? !choice.isSample : choice.isSample))

  return (
    <div className="stack-tight">
      <div className="compare-choices">
        {(['first', 'second'] as const).map((side) => (
          <div className="field" key={side}>
            <label htmlFor={`${id}-${side}`}>{side === 'first' ? 'Compare' : 'With'}</label>
            <select
              id={`${id}-${side}`}
              className="input"
              value={(side === 'first' ? first : second)?.value ?? ''}
              onChange={(event) => setPicked({ ...picked, [side]: event.target.value })}
            >
              {choices.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </div>
        ))}
        <fieldset className="fieldset">
          <legend>What to compare</legend>
          {(
            [
              ['payload', 'Webhook payload'],
              ['record', 'Record from the store'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="radio-label">
              <input type="radio" name={`${id}-what`} value={value} checked={what === value} onChange={() => setWhat(value)} /> {label}
            </label>
          ))}
        </fieldset>
      </div>
      {first && second ? (
        what === 'payload' ? (
          <JsonDiffTable left={first.payload} right={second.payload} leftLabel={first.label} rightLabel={second.label} />
        ) : (
          <RecordDiff automationId={automation.id} first={first} second={second} />
        )
      ) : (
        <p className="muted">Pick two to compare.</p>
      )}
    </div>
  )
}

/** The records behind two payloads, fetched as the action would, then compared. */
function RecordDiff({ automationId, first, second }: { automationId: string; first: Choice; second: Choice }) {
  const left = useResourceQuery(automationId, first.payload)
  const right = useResourceQuery(automationId, second.payload)
  if (left.isPending || right.isPending) return <output className="muted">Fetching both records from your store…</output>
  const failed = [
    [first, left],
    [second, right],
  ] as const
  for (const [choice, query] of failed) {
    if (query.isError) {
      return (
        <p role="alert" className="alert alert-error">
          The record behind {choice.label} could not be fetched: {toBackendError(query.error).message}
          {choice.isSample && ' The documented sample’s ids are examples and may not exist in your store.'}
        </p>
      )
    }
  }
  if (!left.data || !right.data) return null
  return <JsonDiffTable left={left.data.resource} right={right.data.resource} leftLabel={first.label} rightLabel={second.label} />
}
