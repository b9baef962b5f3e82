import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { HighlightedText } from './highlighted-text'
import { formatScalar, formatSummary, isContainer } from './json-type'
import type { JsonSearch } from './search-json'
import { buildTreeRows, withToggled, type Expansion, type TreeRow } from './tree-rows'
import { useVirtualWindow } from './use-virtual-window'

// Must match the row height in json-viewer.css: the window maths assumes every row is this tall.
export const treeRowHeight = 28

interface JsonTreeProps {
  value: unknown
  label: string
  expansion: Expansion
  onExpansionChange: (expansion: Expansion) => void
  search: JsonSearch | null
  onCopy: (text: string, description: string) => void
}

/** What "Copy value" puts on the clipboard: strings bare, containers as pretty JSON. */
function copyableValue(value: unknown): string {
  if (typeof value === 'string') return value
  if (isContainer(value)) return JSON.stringify(value, null, 2)
  return formatScalar(value)
}

/**
 * The WAI-ARIA tree pattern over a flat, windowed list of the visible rows: each treeitem carries
 * aria-level, aria-setsize and aria-posinset because its parent and siblings may not be rendered.
 */
export function JsonTree({ value, label, expansion, onExpansionChange, search, onCopy }: JsonTreeProps) {
  const rows = useMemo(() => buildTreeRows(value, expansion, search), [value, expansion, search])
  const { scrollRef, onScroll, start, end, totalHeight, scrollToIndex } = useVirtualWindow<HTMLDivElement>(rows.length, treeRowHeight)
  const [activePath, setActivePath] = useState<string | null>(null)
  const found = useMemo(() => (activePath === null ? -1 : rows.findIndex((row) => row.path === activePath)), [rows, activePath])
  // When the active row is filtered or collapsed away, the first row takes the tab stop.
  const activeIndex = found === -1 ? 0 : found
  const focusPending = useRef(false)

  useEffect(() => {
    if (!focusPending.current) return
    focusPending.current = false
    scrollRef.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`)?.focus()
  })

  const moveTo = (index: number) => {
    const row = rows[index]
    if (!row) return
    focusPending.current = true
    setActivePath(row.path)
    scrollToIndex(index)
  }

  const toggle = (row: TreeRow, expanded = !row.expanded) => {
    if (row.childCount === 0 || row.expanded === expanded) return
    onExpansionChange(withToggled(expansion, row.path, expanded))
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed on a row's copy buttons keep their own meaning.
    if (!(event.target instanceof HTMLElement) || event.target.getAttribute('role') !== 'treeitem') return
    const row = rows[activeIndex]
    if (!row) return
    switch (event.key) {
      case 'ArrowDown':
        moveTo(activeIndex + 1)
        break
      case 'ArrowUp':
        moveTo(activeIndex - 1)
        break
      case 'Home':
        moveTo(0)
        break
      case 'End':
        moveTo(rows.length - 1)
        break
      case 'ArrowRight':
        if (row.childCount > 0 && !row.expanded) toggle(row, true)
        else if (row.expanded) moveTo(activeIndex + 1)
        break
      case 'ArrowLeft':
        if (row.expanded) toggle(row, false)
        else moveTo(parentIndex(rows, activeIndex))
        break
      case 'Enter':
      case ' ':
        toggle(row)
        break
      default:
        return
    }
    event.preventDefault()
  }

  const indexes: number[] = []
  if (activeIndex < start) indexes.push(activeIndex)
  for (let index = start; index < end; index++) indexes.push(index)
  // The row holding the tab stop stays rendered, so focus is never lost by scrolling it away.
  if (activeIndex >= end) indexes.push(activeIndex)

  return (
    <div className="jv-scroll" ref={scrollRef} onScroll={onScroll}>
      {rows.length === 0 && <p className="jv-empty">No keys or values match the search.</p>}
      {/* A tree with no items is invalid ARIA, so an empty result shows only the message. */}
      {rows.length > 0 && (
        // oxlint-disable-next-line jsx-a11y/interactive-supports-focus -- focus sits on one treeitem at a time (roving tabindex, WAI-ARIA APG tree view)
        <div role="tree" aria-label={label} className="jv-tree" style={{ height: totalHeight }} onKeyDown={onKeyDown}>
          {indexes.map((index) => {
            const row = rows[index]
            if (!row) return null
            return (
              <JsonTreeRow
                key={row.path}
                row={row}
                index={index}
                rootLabel={label}
                active={index === activeIndex}
                query={search?.query ?? ''}
                onActivate={() => setActivePath(row.path)}
                onToggle={() => toggle(row)}
                onCopy={onCopy}
              />
            )
          })}
        </div>
      )}
    </div>
  )
}

/** The nearest row above with a lower level. */
function parentIndex(rows: readonly TreeRow[], index: number): number {
  const level = rows[index]?.level ?? 1
  for (let candidate = index - 1; candidate >= 0; candidate--) {
    if ((rows[candidate]?.level ?? 0) < level) return candidate
  }
  return -1
}

interface JsonTreeRowProps {
  row: TreeRow
  index: number
  rootLabel: string
  active: boolean
  query: string
  onActivate: () => void
  onToggle: () => void
  onCopy: (text: string, description: string) => void
}

function JsonTreeRow({ row, index, rootLabel, active, query, onActivate, onToggle, onCopy }: JsonTreeRowProps) {
  const expandable = row.childCount > 0
  const named = row.path === '' ? rootLabel : row.path
  const display = isContainer(row.value) ? formatSummary(row.value) : formatScalar(row.value)
  const copy = (event: MouseEvent, text: string, description: string) => {
    event.stopPropagation()
    onCopy(text, description)
  }
  return (
    // oxlint-disable-next-line jsx-a11y/click-events-have-key-events -- the tree handles keys for every row (Enter, Space, arrows)
    <div
      role="treeitem"
      aria-level={row.level}
      aria-setsize={row.setSize}
      aria-posinset={row.posInSet}
      aria-expanded={expandable ? row.expanded : undefined}
      // A computed label rather than aria-labelledby: some name algorithms drop the space after the colon.
      aria-label={row.key === null ? display : `${row.key}: ${display}`}
      tabIndex={active ? 0 : -1}
      data-index={index}
      className={row.match ? 'jv-row jv-row-match' : 'jv-row'}
      style={{ top: index * treeRowHeight, paddingInlineStart: `${0.25 + (row.level - 1) * 1.25}rem` }}
      onFocus={onActivate}
      onClick={expandable ? onToggle : onActivate}
    >
      <span className="jv-twisty" aria-hidden="true">
        {expandable ? (row.expanded ? '▾' : '▸') : ''}
      </span>
      <span className="jv-label">
        {row.key !== null && (
          <>
            <span className={typeof row.key === 'number' ? 'jv-key jv-index' : 'jv-key'}>
              {typeof row.key === 'number' ? row.key : <HighlightedText text={row.key} query={query} />}
            </span>
            <span className="jv-colon">: </span>
          </>
        )}
        <span className={`jv-value jv-${row.type}`}>
          {isContainer(row.value) ? display : <HighlightedText text={display} query={query} />}
        </span>
      </span>
      <span className="jv-row-actions">
        <button
          type="button"
          className="jv-row-button"
          tabIndex={active ? 0 : -1}
          aria-label={`Copy value ${named}`}
          onClick={(event) => copy(event, copyableValue(row.value), `value of ${named}`)}
        >
          Copy value
        </button>
        {row.path !== '' && (
          <button
            type="button"
            className="jv-row-button"
            tabIndex={active ? 0 : -1}
            aria-label={`Copy path ${row.path}`}
            onClick={(event) => copy(event, row.path, `path ${row.path}`)}
          >
            Copy path
          </button>
        )}
      </span>
    </div>
  )
}
