import { useEffect, useId, useMemo, useState } from 'react'
import { countOf } from '../../contract/count-words'
import { usePlaceState } from '../../ui/place-state'
import { jsonViews, type JsonView } from '../output-views'
import { flattenJson, type FlatRow } from './flatten-json'
import { HighlightedText } from './highlighted-text'
import { inferSchema, schemaRows, type SchemaRow } from './infer-schema'
import { JsonTree } from './json-tree'
import { maxMatches, searchJson, textMatches } from './search-json'
import { slugify } from './slugify'
import { defaultExpansion, type Expansion } from './tree-rows'
import { useDebouncedValue } from './use-debounced-value'
import { VirtualTable, type TableColumn } from './virtual-table'
import './json-viewer.css'

const views: ReadonlyArray<{ id: JsonView; name: string }> = [
  { id: 'tree', name: 'Tree' },
  { id: 'table', name: 'Table' },
  { id: 'schema', name: 'Schema' },
]

// Long enough to wait out a burst of typing, short enough to feel live.
const searchDelayMs = 150
const statusClearMs = 3000

function flatColumns(label: string, query: string): ReadonlyArray<TableColumn<FlatRow>> {
  return [
    {
      header: 'Path',
      className: 'jv-col-path',
      cell: (row) => <HighlightedText text={row.path || label} query={query} />,
    },
    { header: 'Type', className: 'jv-col-type', cell: (row) => <span className={`jv-${row.type}`}>{row.type}</span> },
    {
      header: 'Value',
      className: 'jv-col-value',
      cell: (row) => (
        <span className={`jv-value jv-${row.type}`}>
          <HighlightedText text={row.value} query={query} />
        </span>
      ),
    },
  ]
}

function schemaColumns(label: string, query: string): ReadonlyArray<TableColumn<SchemaRow>> {
  return [
    {
      header: 'Field',
      className: 'jv-col-path',
      cell: (row) => <HighlightedText text={row.path || label} query={query} />,
    },
    { header: 'Type', className: 'jv-col-type', cell: (row) => row.type },
    { header: 'Optional', className: 'jv-col-optional', cell: (row) => (row.optional ? 'Yes' : 'No') },
  ]
}

function describeMatches(count: number, capped: boolean): string {
  if (capped) return `${maxMatches}+ matches; showing the first ${maxMatches}`
  return countOf(count, { one: 'match', other: 'matches' }, { zero: 'No matches' })
}

export type JsonViewerProps = {
  value: unknown
  /** Names the tree and the tables, and the root row. */
  label: string
  /** Download JSON's file name; by default the label's slug, e.g. `webhook-payload.json`. */
  fileName?: string | undefined
}

/**
 * Shows a JSON value as a tree, a table of paths or an inferred schema, with search, copy and
 * download. Built for records of several megabytes: every view renders only the rows in sight.
 */
export function JsonViewer({ value, label, fileName }: JsonViewerProps) {
  const baseId = useId()
  const [chosenView, setView] = usePlaceState('view', jsonViews)
  const view = chosenView ?? 'tree'
  const [queryInput, setQueryInput] = useState('')
  const query = useDebouncedValue(queryInput.trim(), searchDelayMs)
  const lowerQuery = query.toLowerCase()
  const [status, setStatus] = useState('')

  // Expansion belongs to one value, and while searching to one query; clearing the search
  // returns to the tree as the user left it.
  const [browse, setBrowse] = useState({ value, expansion: defaultExpansion })
  const [searching, setSearching] = useState({ value, query, expansion: defaultExpansion })
  const expansion = query
    ? searching.value === value && searching.query === query
      ? searching.expansion
      : defaultExpansion
    : browse.value === value
      ? browse.expansion
      : defaultExpansion
  const setExpansion = (next: Expansion) => {
    if (query) setSearching({ value, query, expansion: next })
    else setBrowse({ value, expansion: next })
  }

  const search = useMemo(() => (view === 'tree' && query ? searchJson(value, query) : null), [view, value, query])
  const flatRows = useMemo(() => (view === 'table' ? flattenJson(value) : []), [view, value])
  const tableRows = useMemo(
    () => (lowerQuery ? flatRows.filter((row) => textMatches(row.path, lowerQuery) || textMatches(row.value, lowerQuery)) : flatRows),
    [flatRows, lowerQuery],
  )
  const fields = useMemo(() => (view === 'schema' ? schemaRows(inferSchema(value)) : []), [view, value])
  const schemaMatches = useMemo(
    () => (lowerQuery ? fields.filter((row) => textMatches(row.path, lowerQuery)) : fields),
    [fields, lowerQuery],
  )

  let matchMessage = ''
  if (query) {
    if (search) matchMessage = describeMatches(search.matches.size, search.capped)
    else if (view === 'table') matchMessage = describeMatches(tableRows.length, false)
    else if (view === 'schema') matchMessage = describeMatches(schemaMatches.length, false)
  }

  useEffect(() => {
    if (status === '') return
    const timer = setTimeout(() => setStatus(''), statusClearMs)
    return () => clearTimeout(timer)
  }, [status])

  const copy = (text: string, description: string) => {
    if (!navigator.clipboard) {
      setStatus('Copying needs a secure (https) page')
      return
    }
    navigator.clipboard.writeText(text).then(
      () => setStatus(`Copied ${description}`),
      () => setStatus('Copy failed: the browser blocked the clipboard'),
    )
  }

  const download = () => {
    const blob = new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' })
    const url = URL.createObjectURL(blob)
    const link = document.createElement('a')
    link.href = url
    link.download = fileName ?? `${slugify(label)}.json`
    document.body.append(link)
    link.click()
    link.remove()
    // Revoking in the same task can cancel the download in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }

  return (
    <div className="jv">
      <div className="jv-toolbar">
        <fieldset className="jv-views">
          <legend className="visually-hidden">View</legend>
          {views.map((option) => (
            <label key={option.id} className="jv-view">
              <input
                type="radio"
                name={`${baseId}-view`}
                value={option.id}
                checked={view === option.id}
                onChange={() => setView(option.id)}
              />
              {option.name}
            </label>
          ))}
        </fieldset>
        <div className="jv-search">
          <label htmlFor={`${baseId}-search`}>Search</label>
          <input
            id={`${baseId}-search`}
            type="search"
            value={queryInput}
            placeholder="Keys or values"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setQueryInput(event.target.value)}
          />
        </div>
        <div className="jv-actions">
          {view === 'tree' && (
            <>
              <button type="button" className="jv-button" onClick={() => setExpansion({ base: 'all', overrides: new Map() })}>
                Expand all
              </button>
              <button type="button" className="jv-button" onClick={() => setExpansion({ base: 'none', overrides: new Map() })}>
                Collapse all
              </button>
            </>
          )}
          <button type="button" className="jv-button" onClick={() => copy(JSON.stringify(value, null, 2), 'JSON')}>
            Copy JSON
          </button>
          <button type="button" className="jv-button" onClick={download}>
            Download JSON
          </button>
        </div>
      </div>
      <div className="jv-statuses">
        <output className="jv-status">{matchMessage}</output>
        <output className="jv-status">{status}</output>
      </div>
      {view === 'tree' && (
        <JsonTree value={value} label={label} expansion={expansion} onExpansionChange={setExpansion} search={search} onCopy={copy} />
      )}
      {view === 'table' && (
        <VirtualTable
          caption={`${label}: every value by path`}
          columns={flatColumns(label, query)}
          rows={tableRows}
          rowKey={(row) => row.path}
          empty="No paths or values match the search."
        />
      )}
      {view === 'schema' && (
        <VirtualTable
          caption={`${label}: inferred schema`}
          columns={schemaColumns(label, query)}
          rows={schemaMatches}
          rowKey={(row) => row.path}
          empty="No fields match the search."
        />
      )}
    </div>
  )
}
