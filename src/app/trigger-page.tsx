import { useNavigate, useSearch } from '@tanstack/react-router'
import { useState } from 'react'
import type { Automation } from '../contract/automations'
import { toBackendError } from '../backend/backend-error'
import { FieldPresenceTable } from '../output/field-presence-table'
import { Tabs, type TabDefinition } from '../ui/tabs'
import { useOpenAutomation } from './automation-context'
import { DeliveryCompare } from './delivery-compare'
import { DELIVERY, DeliveryLog, listedWords, noLogFilters, useListedDeliveries, type LogFilters } from './delivery-log'
import { sectionOf, type TriggerPageSection } from './search-params'
import { TriggerVersions } from './trigger-versions'

const PAGE = '/automations/$automationId/trigger'

const SECTIONS: readonly TabDefinition<TriggerPageSection>[] = [
  { id: 'deliveries', label: 'Deliveries' },
  { id: 'compare', label: 'Compare deliveries' },
  { id: 'fields', label: 'Fields across deliveries' },
  { id: 'versions', label: 'Versions' },
]

/**
 * The saved trigger's own page, as tabs a person can scan, each at its own address
 * (`?section=versions`): the deliveries it received, two of them compared, the fields they carry,
 * and the versions it was saved as. Links from before the tabs open the one that shows them.
 */
export function TriggerPage() {
  const { automation, writer } = useOpenAutomation()
  const search = useSearch({ from: PAGE })
  const navigate = useNavigate({ from: PAGE })
  const section = sectionOf(search)
  // Here, not in the log: Compare and Fields look at what the log lists, as filtered there.
  const [filters, setFilters] = useState<LogFilters>(noLogFilters)

  return (
    <section className="card" aria-labelledby="trigger-page-heading">
      <h2 id="trigger-page-heading">Versions and deliveries</h2>
      <Tabs
        label="Versions and deliveries"
        tabs={SECTIONS}
        selected={section}
        // In-page moves replace the entry, as everywhere in an automation: Back leaves the page.
        onSelect={(next) => void navigate({ search: (previous) => ({ ...previous, section: next }), replace: true })}
      >
        {section === 'deliveries' && <DeliveryLog automation={automation} filters={filters} onFiltersChange={setFilters} />}
        {section === 'compare' && <ListedDeliveries automation={automation} filters={filters} view="compare" />}
        {section === 'fields' && <ListedDeliveries automation={automation} filters={filters} view="fields" />}
        {section === 'versions' && <TriggerVersions automation={automation} writer={writer} />}
      </Tabs>
    </section>
  )
}

/** Compare and Fields: what they look at is the deliveries the log lists, loaded and filtered there. */
function ListedDeliveries({ automation, filters, view }: { automation: Automation; filters: LogFilters; view: 'compare' | 'fields' }) {
  const { log, deliveries, filtered } = useListedDeliveries(automation.id, filters.applied)
  if (log.isPending) return <output>Loading deliveries…</output>
  if (log.isError) return <p role="alert">The deliveries could not be listed: {toBackendError(log.error).message}</p>
  if (deliveries.length === 0) {
    return <p className="muted">{filtered ? 'No deliveries match the filters set in Deliveries.' : 'No deliveries yet.'}</p>
  }
  const over = `Over the ${listedWords(deliveries.length, filtered)}${log.hasNextPage ? '; load older ones there to include them' : ''}.`
  return (
    <div className="stack-tight">
      <p className="muted">{over}</p>
      {view === 'compare' ? (
        <DeliveryCompare automation={automation} deliveries={deliveries} />
      ) : (
        <FieldPresenceTable documents={deliveries.map((delivery) => delivery.payload)} what={DELIVERY} />
      )}
    </div>
  )
}
