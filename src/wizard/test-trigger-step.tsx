import { useEffect, useId, useMemo, useRef, useState } from 'react'
import type { Automation } from '../contract/automations'
import { toBackendError } from '../backend/backend-error'
import { useDeliveryListener } from '../backend/delivery-listener'
import { useDeliveryQuery, useInfoQuery, useSaveTrigger, useTestTrigger } from '../backend/trigger-queries'
import { outputTabs } from '../output/output-views'
import { TestOutput, type OutputResult } from '../output/test-output'
import { FormError } from '../ui/field-error'
import { usePlaceState, usePlaceText } from '../ui/place-state'
import { ListenForEvent } from './listen-for-event'
import { TriggerDetails } from './trigger-details'

/** Stage 'test': run Test Trigger or listen for an event, look at the output, then Save and Exit. */
export function TestTriggerStep({ automation, onBack, onSaved }: { automation: Automation; onBack: () => void; onSaved: () => void }) {
  const test = useTestTrigger(automation.id)
  const save = useSaveTrigger(automation.id)
  // Without a public URL a save cannot register the webhook; say so before the user saves.
  const info = useInfoQuery()
  const webhookHelpId = useId()
  const webhookHelp = info.data?.publicUrl === null ? (info.data.webhookHelp ?? 'Webhooks cannot be registered yet.') : null

  // The place names an output tab once a test has run: a reload comes back to a fresh output.
  const [output, setOutput] = usePlaceState('output', outputTabs)
  // A stored delivery replayed from the log (`?replay=`), shown until a test or a listen replaces it.
  const [replayId, setReplayId] = usePlaceText('replay')
  const replay = useDeliveryQuery(automation.id, replayId)
  // Which of the three the output shows: the last one the user asked for.
  // On arrival with an output tab named (a reload), the test runs again (below).
  const [latest, setLatest] = useState<OutputResult['kind'] | null>(
    replayId !== undefined ? 'replay' : output !== undefined ? 'test' : null,
  )
  const listener = useDeliveryListener(automation.id, {
    onArrived: () => {
      setLatest('arrived')
      if (replayId !== undefined) setReplayId(undefined)
    },
  })

  function runTest() {
    if (test.isPending) return
    setLatest('test')
    if (replayId !== undefined) setReplayId(undefined)
    test.mutate(undefined, {
      onSuccess: () => {
        if (output === undefined) setOutput('payload')
      },
    })
  }

  // On arrival only: later changes of the tab are the user's moves within the output.
  const arrived = useRef(false)
  useEffect(() => {
    if (arrived.current) return
    arrived.current = true
    if (output !== undefined && replayId === undefined) test.mutate()
  }, [output, replayId, test])

  // Kept while it is the same, so a sample picked in the output stays picked.
  const arrivedDelivery = listener.state.status === 'arrived' ? listener.state.delivery : null
  const result = useMemo<OutputResult | null>(
    () =>
      latest === 'test' && test.data
        ? { kind: 'test', test: test.data }
        : latest === 'arrived' && arrivedDelivery
          ? { kind: 'arrived', delivery: arrivedDelivery }
          : latest === 'replay' && replay.data
            ? { kind: 'replay', delivery: replay.data }
            : null,
    [latest, test.data, arrivedDelivery, replay.data],
  )

  return (
    <div className="stack">
      <section aria-labelledby="test-summary-heading" className="card-inset">
        <h3 id="test-summary-heading">What will be tested</h3>
        <TriggerDetails config={automation.trigger.draft} />
      </section>

      <div className="button-row">
        <button type="button" className="button button-primary" aria-busy={test.isPending || undefined} onClick={runTest}>
          {test.isPending && <span className="spinner" aria-hidden="true" />}
          Test Trigger
        </button>
      </div>
      <output className="muted">{test.isPending ? 'Testing the trigger…' : ''}</output>

      <ListenForEvent automation={automation} listener={listener} shownWhere="It is shown in the output." explainUnreachable />

      {test.isError && (
        <div className="alert alert-error">
          <p role="alert">The test failed: {toBackendError(test.error).message}</p>
          <button type="button" className="button button-secondary" onClick={runTest}>
            Retry
          </button>
        </div>
      )}
      {latest === 'replay' && replay.isPending && <output className="muted">Loading the delivery to replay…</output>}
      {latest === 'replay' && replay.isError && (
        <p role="alert" className="alert alert-error">
          The delivery to replay could not be loaded: {toBackendError(replay.error).message}
        </p>
      )}
      {result && <TestOutput automationId={automation.id} result={result} />}

      <FormError
        message={
          save.isError ? `The trigger was not saved: ${toBackendError(save.error).message} Your configuration is kept; try again.` : null
        }
      />
      {webhookHelp && (
        <p id={webhookHelpId} className="alert alert-warning">
          BigCommerce will not send events to this trigger yet. {webhookHelp}
        </p>
      )}
      <div className="button-row button-row-split">
        <button type="button" className="button button-secondary" onClick={onBack}>
          Back
        </button>
        <button
          type="button"
          className="button button-primary"
          aria-busy={save.isPending || undefined}
          aria-describedby={webhookHelp ? webhookHelpId : undefined}
          onClick={() => {
            if (!save.isPending) save.mutate(undefined, { onSuccess: onSaved })
          }}
        >
          {save.isPending && <span className="spinner" aria-hidden="true" />}
          Save and Exit
        </button>
      </div>
    </div>
  )
}
