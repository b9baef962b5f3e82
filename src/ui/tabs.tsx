import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react'

export type TabDefinition<Id extends string> = { id: Id; label: string }

type TabsProps<Id extends string> = {
  /** The tablist's accessible name. */
  label: string
  tabs: readonly TabDefinition<Id>[]
  selected: Id
  onSelect: (tab: Id) => void
  className?: string
  /** Spread onto the selected tab only, e.g. the marker the wizard moves focus to after a step. */
  selectedTabAttributes?: Record<`data-${string}`, string>
  /** The selected panel's content; the others stay empty, so a panel's data loads only when opened. */
  children: ReactNode
}

/**
 * The WAI-ARIA tabs pattern with automatic activation: arrow keys, Home and End move between
 * tabs and select them; only the selected tab is in the Tab order.
 * https://www.w3.org/WAI/ARIA/apg/patterns/tabs/examples/tabs-automatic/
 */
export function Tabs<Id extends string>({ label, tabs, selected, onSelect, className, selectedTabAttributes, children }: TabsProps<Id>) {
  const id = useId()
  const tabRefs = useRef(new Map<Id, HTMLButtonElement>())

  function handleKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const current = tabs.findIndex((tab) => tab.id === selected)
    const next =
      event.key === 'ArrowRight'
        ? (current + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (current - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : null
    if (next === null) return
    event.preventDefault()
    const tab = tabs[next]
    if (!tab) return
    tabRefs.current.get(tab.id)?.focus()
    onSelect(tab.id)
  }

  return (
    <div className={className}>
      <div role="tablist" aria-label={label} className="tablist">
        {tabs.map((tab) => (
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
            {...(tab.id === selected ? selectedTabAttributes : undefined)}
            onClick={() => onSelect(tab.id)}
            onKeyDown={handleKeyDown}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        // Every panel exists so every aria-controls points at an element; only the selected one has content.
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
