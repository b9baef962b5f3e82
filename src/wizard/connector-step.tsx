import type { ConnectorDefinition } from '../connectors/connector-definition'
import { ChoiceCard } from './choice-card'

/** The connector grid: one card per connector definition. */
export function ConnectorStep({
  connectors,
  onPick,
}: {
  connectors: readonly ConnectorDefinition[]
  onPick: (connector: ConnectorDefinition) => void
}) {
  return (
    <>
      <p className="muted">Choose the app whose events start this automation.</p>
      <ul className="connector-grid" aria-label="Connectors">
        {connectors.map((connector) => (
          <ChoiceCard
            key={connector.id}
            idPrefix="connector"
            id={connector.id}
            name={connector.name}
            description={connector.description}
            onPick={() => onPick(connector)}
          />
        ))}
      </ul>
    </>
  )
}
