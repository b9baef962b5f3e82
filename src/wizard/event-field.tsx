import { useId } from 'react'
import { useFormContext, useWatch } from 'react-hook-form'
import type { ReadAccess, ReadScopes } from '../contract/accounts'
import type { ConnectorDefinition, EventDefinition } from '../connectors/connector-definition'
import { useAccountsQuery } from '../backend/trigger-queries'
import { describedBy, FieldError } from '../ui/field-error'
import type { ConfigureTriggerValues } from './configure-trigger-schema'

/** Options under a label saying what the chosen account's token can do for them; no label: nothing to say. */
type EventGroup = { label: string | null; events: EventDefinition[] }

function accessTo(event: EventDefinition, scopes: ReadScopes | null | undefined): ReadAccess | undefined {
  return scopes?.areas[event.readArea]
}

/**
 * The events, grouped by what the account's token can read for them: those whose live samples
 * and records work first, then one group per missing scope, then those whose check failed. The
 * groups mark each event inside the list itself, where a screen reader says them too. With every
 * scope there (or nothing known yet) the list stays as the connector orders it.
 */
export function eventGroups(events: readonly EventDefinition[], scopes: ReadScopes | null | undefined): EventGroup[] {
  if (!scopes || events.every((event) => accessTo(event, scopes) === 'granted')) return [{ label: null, events: [...events] }]
  const groups = new Map<string, EventDefinition[]>()
  const add = (label: string, event: EventDefinition) => groups.set(label, [...(groups.get(label) ?? []), event])
  const granted = events.filter((event) => accessTo(event, scopes) === 'granted')
  if (granted.length > 0) groups.set('Live samples available', granted)
  for (const event of events) {
    if (accessTo(event, scopes) === 'missing') add(`Needs ${event.readScope.label} for live samples`, event)
  }
  for (const event of events) {
    if (accessTo(event, scopes) === 'unknown') add('Live samples not checked', event)
  }
  return [...groups].map(([label, grouped]) => ({ label, events: grouped }))
}

/**
 * "Select an Event": the connector's events, marked with what the chosen account's token can
 * read for them, and the chosen one's scope and meaning as help. Webhooks need no OAuth scope,
 * so no event is ever blocked: a missing scope only means the documented example stands in.
 */
export function EventField({ connector }: { connector: ConnectorDefinition }) {
  const id = useId()
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<ConfigureTriggerValues>()
  const message = errors.event?.message
  const [scope, accountId] = useWatch({ control, name: ['event', 'accountId'] })
  const accounts = useAccountsQuery()
  const account = accounts.data?.find((candidate) => candidate.id === accountId)
  const scopes = account?.readScopes
  const chosen = connector.events.find((event) => event.scope === scope)
  const option = (event: EventDefinition) => (
    <option key={event.scope} value={event.scope}>
      {event.label}
    </option>
  )

  return (
    <div className="field">
      <label htmlFor={id}>Select an Event</label>
      <select
        id={id}
        className="input"
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(message && `${id}-error`, `${id}-help`)}
        {...register('event')}
      >
        <option value="" disabled hidden>
          Choose an event
        </option>
        {eventGroups(connector.events, scopes).map((group) =>
          group.label === null ? (
            group.events.map(option)
          ) : (
            <optgroup key={group.label} label={group.label}>
              {group.events.map(option)}
            </optgroup>
          ),
        )}
      </select>
      <FieldError id={`${id}-error`} message={message} />
      <div id={`${id}-help`} className="field-help">
        {chosen ? (
          <>
            <p>
              Scope: <code>{chosen.scope}</code>
            </p>
            <p>{chosen.description}</p>
            <p>{scopeNote(chosen, accessTo(chosen, scopes))}</p>
          </>
        ) : (
          <p>The BigCommerce event that starts this automation.</p>
        )}
      </div>
    </div>
  )
}

function scopeNote(event: EventDefinition, access: ReadAccess | undefined): string {
  const { label } = event.readScope
  switch (access) {
    case 'granted':
      return `This account’s token has ${label}: Test Trigger shows the store’s newest ${event.record}, and its record can be fetched.`
    case 'missing':
      return `Needs ${label} for live samples and the fetched record, which this account’s token lacks: Test Trigger shows BigCommerce’s documented example instead. The event itself is delivered all the same (webhooks need no scope).`
    default:
      return `The store API account needs the ${label} OAuth scope for tests with live data.`
  }
}
