import type { Automation, SavedTrigger, WebhookRegistration } from '../contract/api'
import { formatTime } from '../ui/format-time'
import { HookHealth } from './hook-health'
import { TriggerDetails } from './trigger-details'

/** The saved trigger, with a way back into the wizard. */
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
    </div>
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
