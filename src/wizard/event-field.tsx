import { useId } from 'react'
import { useFormContext, useWatch } from 'react-hook-form'
import type { ConnectorDefinition } from '../connectors/connector-definition'
import { describedBy, FieldError } from '../ui/field-error'
import type { ConfigureTriggerValues } from './configure-trigger-schema'

/** "Select an Event": the connector's events, with the chosen one's scope and meaning as help. */
export function EventField({ connector }: { connector: ConnectorDefinition }) {
  const id = useId()
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<ConfigureTriggerValues>()
  const message = errors.event?.message
  const scope = useWatch({ control, name: 'event' })
  const chosen = connector.events.find((event) => event.scope === scope)

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
        {connector.events.map((event) => (
          <option key={event.scope} value={event.scope}>
            {event.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={message} />
      <div id={`${id}-help`} className="field-help">
        {chosen ? (
          <>
            <p>
              Scope: <code>{chosen.scope}</code>
            </p>
            <p>{chosen.description}</p>
            <p>The store API account needs the {chosen.readScope.label} OAuth scope for tests with live data.</p>
          </>
        ) : (
          <p>The BigCommerce event that starts this automation.</p>
        )}
      </div>
    </div>
  )
}
