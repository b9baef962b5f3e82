import { toBackendError } from '../backend/backend-error'
import { useDeliveriesQuery } from '../backend/trigger-queries'
import { subjectOf } from '../output/output-tabs'
import { formatTime } from '../ui/format-time'
import { useOpenAutomation } from './automation-context'
import { TriggerVersions } from './trigger-versions'

/** The saved trigger's own page: the versions it was saved as and the deliveries it received. */
export function TriggerPage() {
  const { automation, writer } = useOpenAutomation()
  const deliveries = useDeliveriesQuery(automation.id)
  return (
    <div className="stack">
      <section className="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        <TriggerVersions automation={automation} writer={writer} />
      </section>
      <section className="card" aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading">Deliveries</h2>
        {deliveries.isPending && <output>Loading deliveries…</output>}
        {deliveries.isError && <p role="alert">The deliveries could not be listed: {toBackendError(deliveries.error).message}</p>}
        {deliveries.data &&
          (deliveries.data.length === 0 ? (
            <p className="muted">BigCommerce has delivered no events to this trigger yet.</p>
          ) : (
            <ul className="plain-list" aria-label="Deliveries">
              {deliveries.data.map((delivery) => (
                <li key={delivery.id}>
                  <time dateTime={delivery.receivedAt}>{formatTime(delivery.receivedAt)}</time> · <code>{delivery.payload.scope}</code> ·{' '}
                  {subjectOf(delivery.payload)}
                </li>
              ))}
            </ul>
          ))}
      </section>
    </div>
  )
}
