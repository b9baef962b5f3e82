import { useMemo } from 'react'
import type { Automation } from '../contract/automations'
import type { SavedTrigger, WebhookRegistration } from '../contract/trigger-config'
import { useDeliveryListener } from '../backend/delivery-listener'
import { TestOutput, type OutputResult } from '../output/test-output'
import { formatTime } from '../ui/format-time'
import { HookHealth } from './hook-health'
import { ListenForEvent } from './listen-for-event'
import { TriggerDetails } from './trigger-details'

/** The saved trigger, with a way back into the wizard, and Listen for an event without it. */
export function TriggerSummary({
  automation,
  saved,
  onReconfigure,
}: {
  automation: Automation
  saved: SavedTrigger
  onReconfigure: () => void
}) {
  const webhook = saved.webhook
  const health = automation.trigger.health
  return (
    <div className="stack">
      <TriggerDetails config={saved.config} />
      <dl className="details">
        {health ? (
          <HookHealth automationId={automation.id} webhook={webhook} lastKnown={health} />
        ) : (
          // A backend without health (the contract's field is optional) says only what the save recorded.
          <SavedRegistration webhook={webhook} />
        )}
        <div>
          <dt>Saved</dt>
          <dd>
            Version {saved.version}, <time dateTime={saved.savedAt}>{formatTime(saved.savedAt)}</time>
            {saved.restoredFrom !== null && <>, restored from version {saved.restoredFrom}</>}
          </dd>
        </div>
      </dl>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={onReconfigure} aria-describedby={`summary-${automation.id}`}>
          Configure Trigger
        </button>
        <span id={`summary-${automation.id}`} className="visually-hidden">
          Change the saved trigger of {automation.name}
        </span>
      </div>
      <ListenHere automation={automation} />
    </div>
  )
}

/**
 * Listen for an event from the summary: listening changes nothing to save, so it needs no trip
 * through the wizard (Configure Trigger, Proceed) nor its Save and Exit beside it.
 */
function ListenHere({ automation }: { automation: Automation }) {
  const listener = useDeliveryListener(automation.id)
  const arrived = listener.state.status === 'arrived' ? listener.state.delivery : null
  // The same object while it is the same delivery, so a sample picked in the output stays picked.
  const result = useMemo<OutputResult | null>(() => (arrived ? { kind: 'arrived', delivery: arrived } : null), [arrived])
  return (
    <>
      <ListenForEvent automation={automation} listener={listener} shownWhere="It is shown in the output below." />
      {result && <TestOutput automationId={automation.id} result={result} />}
    </>
  )
}

function SavedRegistration({ webhook }: { webhook: WebhookRegistration }) {
  return (
    <div>
      <dt>Webhook</dt>
      <dd>
        {webhook.status === 'registered' ? (
          <>
            <span className="badge badge-ok">Registered with BigCommerce</span>
            {webhook.hookId !== null && <> · hook {webhook.hookId}</>}
            {webhook.destination && (
              <>
                {' '}
                · <span className="mono">{webhook.destination}</span>
              </>
            )}
          </>
        ) : (
          <>
            <span className="badge badge-warning">Not registered</span>
            {webhook.detail && <p className="muted">{webhook.detail}</p>}
          </>
        )}
      </dd>
    </div>
  )
}
