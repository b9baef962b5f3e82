/**
 * One card of the connector and trigger grids: a button named by the choice, described by the
 * paragraph under it. `pressed` is left undefined where a card is not a toggle (connectors), so
 * no aria-pressed is rendered there.
 */
export function ChoiceCard({
  idPrefix,
  id,
  name,
  description,
  pressed,
  onPick,
}: {
  /** Keeps description ids apart between grids, e.g. `connector` or `trigger`. */
  idPrefix: string
  id: string
  name: string
  description: string
  pressed?: boolean
  onPick: () => void
}) {
  const descriptionId = `${idPrefix}-${id}-description`
  return (
    <li>
      <button type="button" className="connector-card" aria-pressed={pressed} aria-describedby={descriptionId} onClick={onPick}>
        <span className="connector-logo" aria-hidden="true">
          {name.slice(0, 1)}
        </span>
        <span className="connector-name">{name}</span>
      </button>
      <p id={descriptionId} className="connector-description">
        {description}
      </p>
    </li>
  )
}
