import type { ConnectorDefinition } from '../connectors/connector-definition'

/** The connector grid: one card per connector definition. */
export function ConnectorStep({ connectors, onPick }: { connectors: readonly ConnectorDefinition[]; onPick: (connector: ConnectorDefinition) => void }) {
  return (
    <>
      <p className="muted">Choose the app whose events start this automation.</p>
      <ul className="connector-grid" aria-label="Connectors">
        {connectors.map((connector) => (
          <li key={connector.id}>
            <button
              type="button"
              className="connector-card"
              aria-describedby={`connector-${connector.id}-description`}
              onClick={() => onPick(connector)}
            >
              <span className="connector-logo" aria-hidden="true">
                {connector.name.slice(0, 1)}
              </span>
              <span className="connector-name">{connector.name}</span>
            </button>
            <p id={`connector-${connector.id}-description`} className="connector-description">
              {connector.description}
            </p>
          </li>
        ))}
      </ul>
    </>
  )
}
