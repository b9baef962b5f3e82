import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react'
import type { Automation } from '../contract/automations'
import type { DeliveryAuthentication, TriggerDelivery } from '../contract/deliveries'
import { countOf, pluralForm } from '../contract/count-words'
import type { EventScope } from '../contract/events'
import { bigcommerceConnector } from '../connectors/bigcommerce'
import { toBackendError } from '../backend/backend-error'
import { useDeliveryListener } from '../backend/delivery-listener'
import { useDeliveryLogQuery, useDeliveryQuery, type DeliveryFilters } from '../backend/trigger-queries'
import { OutputTabs, recordLabel, subjectOf } from '../output/output-tabs'
import { formatTime } from '../ui/format-time'
import { ListenForEvent } from '../wizard/listen-for-event'

export const DELIVERY = { one: 'delivery', other: 'deliveries' }
const TIME = { one: 'time', other: 'times' }

export const authenticationLabels: Record<DeliveryAuthentication, string> = {
  signature: 'Signature',
  secret: 'Secret header',
}

/** An event's label (`Product Created`), or its scope for one the connector does not define. */
function eventLabel(scope: string): string {
  return bigcommerceConnector.events.find((event) => event.scope === scope)?.label ?? scope
}

/** `2026-01-05T12:00` as typed in a datetime-local field, read in the browser's zone, as ISO. */
function isoOf(local: string, plusMinutes = 0): string | undefined {
  if (local === '') return undefined
  const time = new Date(local).getTime()
  return Number.isNaN(time) ? undefined : new Date(time + plusMinutes * 60_000).toISOString()
}

type FilterForm = { event: EventScope | ''; from: string; until: string; search: string }
const noFilters: FilterForm = { event: '', from: '', until: '', search: '' }

/**
 * The log's filters as typed and as applied. The page keeps them, so its other tabs (Compare,
 * Fields) look at the deliveries the log lists, and what was typed survives a move between tabs.
 */
export type LogFilters = { form: FilterForm; applied: DeliveryFilters }
export const noLogFilters: LogFilters = { form: noFilters, applied: {} }

/** The form's words as the log's query: both minutes included, empty fields left out. */
function filtersOf(form: FilterForm): DeliveryFilters {
  const from = isoOf(form.from)
  const to = isoOf(form.until, 1)
  const search = form.search.trim()
  return {
    ...(form.event === '' ? {} : { event: form.event }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(search === '' ? {} : { search }),
  }
}

/** The deliveries the log lists with `filters`: every page loaded so far, newest first. */
export function useListedDeliveries(automationId: string, filters: DeliveryFilters) {
  const log = useDeliveryLogQuery(automationId, filters)
  const deliveries = useMemo(() => log.data?.pages.flatMap((page) => page.deliveries) ?? [], [log.data])
  return { log, deliveries, filtered: Object.keys(filters).length > 0 }
}

/** "Over the 25 deliveries listed in Deliveries (as filtered)", for the tabs that look at them. */
export function listedWords(count: number, filtered: boolean): string {
  return `${countOf(count, DELIVERY)} listed in Deliveries${filtered ? ' (as filtered)' : ''}`
}

/**
 * The saved trigger's every delivery, newest first, a page at a time: filter by event and time,
 * search inside payloads, open one in the viewer, replay it into Test Trigger, and listen for the
 * next one.
 */
export function DeliveryLog({
  automation,
  filters,
  onFiltersChange,
}: {
  automation: Automation
  filters: LogFilters
  onFiltersChange: (filters: LogFilters) => void
}) {
  const id = useId()
  const { form } = filters
  const setForm = (next: FilterForm) => onFiltersChange({ ...filters, form: next })
  const [formError, setFormError] = useState<string | null>(null)
  const { log, deliveries, filtered } = useListedDeliveries(automation.id, filters.applied)
  const { delivery: openId } = useSearch({ from: '/automations/$automationId/trigger' })
  const navigate = useNavigate({ from: '/automations/$automationId/trigger' })

  function apply(event: FormEvent) {
    event.preventDefault()
    const next = filtersOf(form)
    if (next.from !== undefined && next.to !== undefined && next.from >= next.to) {
      setFormError('Until must be after From.')
      return
    }
    setFormError(null)
    onFiltersChange({ form, applied: next })
  }

  const open = (deliveryId: string | undefined) =>
    void navigate({ search: (previous) => ({ ...previous, delivery: deliveryId }), replace: true })
  // What arrives while listening opens in the viewer; the log lists it too once it refreshes.
  const listener = useDeliveryListener(automation.id, { onArrived: (delivery) => open(delivery.id) })

  const count = deliveries.length
  const shownWords = log.isSuccess
    ? `${countOf(count, DELIVERY, { zero: 'No deliveries' })}${filtered ? ` ${pluralForm(count, { one: 'matches', other: 'match' })} the filters` : ''}${log.hasNextPage ? '; more are older' : ''}.`
    : ''

  return (
    <div className="stack">
      <ListenForEvent automation={automation} listener={listener} shownWhere="It is open in the viewer." />
      <form className="log-filters" aria-label="Filter deliveries" onSubmit={apply}>
        <div className="field">
          <label htmlFor={`${id}-event`}>Event</label>
          <select
            id={`${id}-event`}
            className="input"
            value={form.event}
            onChange={(event) => {
              const scope = bigcommerceConnector.events.find((candidate) => candidate.scope === event.target.value)?.scope
              setForm({ ...form, event: scope ?? '' })
            }}
          >
            <option value="">Any event</option>
            {bigcommerceConnector.events.map((event) => (
              <option key={event.scope} value={event.scope}>
                {event.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>From</label>
          <input
            id={`${id}-from`}
            className="input"
            type="datetime-local"
            value={form.from}
            onChange={(event) => setForm({ ...form, from: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-until`}>Until</label>
          <input
            id={`${id}-until`}
            className="input"
            type="datetime-local"
            value={form.until}
            aria-invalid={formError ? true : undefined}
            aria-describedby={formError ? `${id}-until-error` : undefined}
            onChange={(event) => setForm({ ...form, until: event.target.value })}
          />
          {formError && (
            <p id={`${id}-until-error`} className="field-error" role="alert">
              {formError}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-search`}>Search in payloads</label>
          <input
            id={`${id}-search`}
            className="input"
            type="search"
            value={form.search}
            placeholder="e.g. 205"
            onChange={(event) => setForm({ ...form, search: event.target.value })}
          />
        </div>
        <div className="button-row log-filter-buttons">
          <button type="submit" className="button button-primary">
            Filter
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              onFiltersChange(noLogFilters)
              setFormError(null)
            }}
          >
            Clear
          </button>
        </div>
      </form>
      <p className="field-note">
        Times are in your browser’s time zone and include the minute given. The search looks for the text anywhere in the payload’s JSON.
      </p>

      {log.isPending && <output>Loading deliveries…</output>}
      {log.isError && <p role="alert">The deliveries could not be listed: {toBackendError(log.error).message}</p>}
      <output className="block">{shownWords}</output>

      {deliveries.length > 0 && (
        <table className="data-table">
          <caption className="visually-hidden">Deliveries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Event</th>
              <th scope="col">Record</th>
              <th scope="col">Sent again</th>
              <th scope="col">Checked by</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => (
              <DeliveryRow
                key={delivery.id}
                automationId={automation.id}
                delivery={delivery}
                isOpen={delivery.id === openId}
                onOpen={() => open(delivery.id)}
              />
            ))}
          </tbody>
        </table>
      )}
      {log.hasNextPage && (
        <div className="button-row">
          <button
            type="button"
            className="button button-secondary"
            aria-busy={log.isFetchingNextPage || undefined}
            onClick={() => {
              if (!log.isFetchingNextPage) void log.fetchNextPage()
            }}
          >
            {log.isFetchingNextPage && <span className="spinner" aria-hidden="true" />}
            Load older deliveries
          </button>
        </div>
      )}
      {log.isFetchNextPageError && <p role="alert">The next page could not be loaded: {toBackendError(log.error).message}</p>}

      {openId !== undefined && (
        <DeliveryViewer key={openId} automationId={automation.id} deliveryId={openId} onClose={() => open(undefined)} />
      )}
    </div>
  )
}

function DeliveryRow({
  automationId,
  delivery,
  isOpen,
  onOpen,
}: {
  automationId: string
  delivery: TriggerDelivery
  isOpen: boolean
  onOpen: () => void
}) {
  const subject = subjectOf(delivery.payload)
  const received = formatTime(delivery.receivedAt)
  const label = eventLabel(delivery.payload.scope)
  return (
    <tr aria-current={isOpen || undefined}>
      <td>
        <time dateTime={delivery.receivedAt}>{received}</time>
      </td>
      <td>{label}</td>
      <td>{recordLabel(delivery.payload)}</td>
      <td>{countOf(delivery.duplicates, TIME, { zero: 'No' })}</td>
      <td>{authenticationLabels[delivery.authenticatedBy]}</td>
      <td>
        <div className="button-row row-actions">
          {/* Named in full, as every row has the same two actions; the name starts with the visible words. */}
          <button type="button" className="button-link" aria-label={`Open ${subject} received ${received}`} onClick={onOpen}>
            Open
          </button>
          <Link
            to="/automations/$automationId"
            params={{ automationId }}
            search={{ tab: 'test', replay: delivery.id }}
            className="button-link"
            aria-label={`Replay in Test Trigger: ${subject} received ${received}`}
          >
            Replay in Test Trigger
          </Link>
        </div>
      </td>
    </tr>
  )
}

/** One delivery in the viewer: its payload and the record behind it, as Test Trigger shows them. */
function DeliveryViewer({ automationId, deliveryId, onClose }: { automationId: string; deliveryId: string; onClose: () => void }) {
  const delivery = useDeliveryQuery(automationId, deliveryId)
  const heading = useRef<HTMLHeadingElement>(null)
  const headingId = useId()
  // Opening moves the reader to what opened (the viewer is keyed by the delivery, so each opens anew).
  useEffect(() => {
    heading.current?.focus()
  }, [])

  const data = delivery.data
  return (
    <section className="card-inset stack-tight" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        Delivery{data ? ` · ${recordLabel(data.payload)}` : ''}
      </h3>
      {delivery.isPending && <output>Loading the delivery…</output>}
      {delivery.isError && <p role="alert">The delivery could not be loaded: {toBackendError(delivery.error).message}</p>}
      {data && (
        <>
          <dl className="details">
            <div>
              <dt>Received</dt>
              <dd>
                <time dateTime={data.receivedAt}>{formatTime(data.receivedAt)}</time>
              </dd>
            </div>
            <div>
              <dt>Event</dt>
              <dd>
                {eventLabel(data.payload.scope)} <code>{data.payload.scope}</code>
              </dd>
            </div>
            <div>
              <dt>Sent again</dt>
              <dd>
                {data.duplicates === 0 ? 'No' : `${countOf(data.duplicates, { one: 'more time', other: 'more times' })}, stored once`}
              </dd>
            </div>
            <div>
              <dt>Checked by</dt>
              <dd>{authenticationLabels[data.authenticatedBy]}</dd>
            </div>
          </dl>
          <OutputTabs automationId={automationId} payload={data.payload} isDocumentedSample={false} />
        </>
      )}
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={onClose}>
          Close the delivery
        </button>
      </div>
    </section>
  )
}
