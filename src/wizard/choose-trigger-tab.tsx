import type { ConnectorDefinition } from '../connectors/connector-definition'

/** The Choose Trigger tab: the connector's triggers, the chosen one marked as pressed. */
export function ChooseTriggerTab({
  connector,
  chosen,
  onPick,
}: {
  connector: ConnectorDefinition
  chosen: string | null
  onPick: (triggerId: ConnectorDefinition['triggers'][number]['id']) => void
}) {
  return (
    <ul className="connector-grid" aria-label="Triggers">
      {connector.triggers.map((trigger) => (
        <li key={trigger.id}>
          <button
            type="button"
            className="connector-card"
            aria-pressed={chosen === trigger.id}
            aria-describedby={`trigger-${trigger.id}-description`}
            onClick={() => onPick(trigger.id)}
          >
            <span className="connector-logo" aria-hidden="true">
              {trigger.name.slice(0, 1)}
            </span>
            <span className="connector-name">{trigger.name}</span>
          </button>
          <p id={`trigger-${trigger.id}-description`} className="connector-description">
            {trigger.description}
          </p>
        </li>
      ))}
    </ul>
  )
}
