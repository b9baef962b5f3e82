import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react'

export type TriggerTab = 'chooseTrigger' | 'configureTrigger'

const TABS: readonly { id: TriggerTab; label: string }[] = [
  { id: 'chooseTrigger', label: 'Choose Trigger' },
  { id: 'configureTrigger', label: 'Configure Trigger' },
]

/**
 * The WAI-ARIA tabs pattern with automatic activation: arrow keys, Home and End move between
 * tabs and select them; only the selected tab is in the Tab order.
 */
export function TriggerTabs({
  selected,
  onSelect,
  children,
}: {
  selected: TriggerTab
  onSelect: (tab: TriggerTab) => void
  children: ReactNode
}) {
  const id = useId()
  const tabRefs = useRef(new Map<TriggerTab, HTMLButtonElement>())

  function handleKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const current = TABS.findIndex((tab) => tab.id === selected)
    const next =
      event.key === 'ArrowRight'
        ? (current + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (current - 1 + TABS.length) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : null
    if (next === null) return
    event.preventDefault()
    const tab = TABS[next]
    if (!tab) return
    tabRefs.current.get(tab.id)?.focus()
    onSelect(tab.id)
  }

  return (
    <div className="tabs">
      <div role="tablist" aria-label="Trigger setup" className="tablist">
        {TABS.map((tab) => (
          <button
            key={tab.id}
            ref={(element) => {
              if (element) tabRefs.current.set(tab.id, element)
              else tabRefs.current.delete(tab.id)
            }}
            type="button"
            role="tab"
            id={`${id}-${tab.id}-tab`}
            aria-selected={tab.id === selected}
            aria-controls={`${id}-${tab.id}-panel`}
            tabIndex={tab.id === selected ? 0 : -1}
            className="tab"
            data-step-focus={tab.id === selected ? '' : undefined}
            onClick={() => onSelect(tab.id)}
            onKeyDown={handleKeyDown}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {TABS.map((tab) => (
        // Both panels exist so every aria-controls points at an element; only the selected one has content.
        <div
          key={tab.id}
          role="tabpanel"
          id={`${id}-${tab.id}-panel`}
          aria-labelledby={`${id}-${tab.id}-tab`}
          hidden={tab.id !== selected}
          className="tabpanel"
        >
          {tab.id === selected && children}
        </div>
      ))}
    </div>
  )
}
