import { useOpenAutomation } from './automation-context'
import { DeliveryLog } from './delivery-log'
import { TriggerVersions } from './trigger-versions'

/** The saved trigger's own page: the versions it was saved as and the deliveries it received. */
export function TriggerPage() {
  const { automation, writer } = useOpenAutomation()
  return (
    <div className="stack">
      <section className="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        <TriggerVersions automation={automation} writer={writer} />
      </section>
      <DeliveryLog automation={automation} />
    </div>
  )
}
