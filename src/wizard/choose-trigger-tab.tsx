import type { ConnectorDefinition } from '../connectors/connector-definition'
import { ChoiceCard } from './choice-card'

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
        <ChoiceCard
          key={trigger.id}
          idPrefix="trigger"
          id={trigger.id}
          name={trigger.name}
          description={trigger.description}
          pressed={chosen === trigger.id}
          onPick={() => onPick(trigger.id)}
        />
      ))}
    </ul>
  )
}
