import { formatTime } from '../output/test-output'
import { useOpenAutomation } from './automation-context'
import { DeliveryLog } from './delivery-log'

/** The saved trigger's own page: the versions it was saved as and the deliveries it received. */
export function TriggerPage() {
  const { automation } = useOpenAutomation()
  const saved = automation.trigger.saved
  return (
    <div className="stack">
      <section className="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        {saved ? (
          <ul className="plain-list">
            <li>
              Version {saved.version} (in effect), saved <time dateTime={saved.savedAt}>{formatTime(saved.savedAt)}</time>
            </li>
          </ul>
        ) : (
          <p className="muted">The trigger has not been saved yet.</p>
        )}
      </section>
      <DeliveryLog automation={automation} />
    </div>
  )
}
