import { useMemo } from 'react'
import { countOf } from '../contract/count-words'
import { diffJson, type JsonDiffEntry } from './json-diff'

/** Rows shown at most: two large records can differ in thousands of places; the count says so. */
const MAX_ROWS = 500
const MAX_VALUE_LENGTH = 120

const kindLabels: Record<JsonDiffEntry['kind'], string> = { added: 'Added', removed: 'Removed', changed: 'Changed' }

/** A value as JSON on one line, cut short: a whole subtree that only one side has can be large. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined'
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text
}

/** The JSON-aware diff of two values: each added, removed or changed path, both values side by side. */
export function JsonDiffTable({
  left,
  right,
  leftLabel,
  rightLabel,
}: {
  left: unknown
  right: unknown
  leftLabel: string
  rightLabel: string
}) {
  const diff = useMemo(() => diffJson(left, right), [left, right])
  const counts = { added: 0, removed: 0, changed: 0 }
  for (const entry of diff.entries) counts[entry.kind] += 1
  const summary = `${counts.changed} changed, ${counts.added} added, ${counts.removed} removed; ${countOf(diff.unchanged, { one: 'value', other: 'values' })} the same.`

  if (diff.entries.length === 0) return <p>The two are the same ({summary})</p>
  return (
    <div className="stack-tight">
      <table className="data-table diff-table">
        <caption>{summary}</caption>
        <thead>
          <tr>
            <th scope="col">Path</th>
            <th scope="col">Change</th>
            <th scope="col">{leftLabel}</th>
            <th scope="col">{rightLabel}</th>
          </tr>
        </thead>
        <tbody>
          {diff.entries.slice(0, MAX_ROWS).map((entry) => (
            <tr key={`${entry.kind} ${entry.path}`} className={`diff-${entry.kind}`}>
              <th scope="row">
                <code>{entry.path === '' ? '(the whole value)' : entry.path}</code>
              </th>
              <td>{kindLabels[entry.kind]}</td>
              <td>{entry.kind === 'added' ? <span className="muted">absent</span> : <code>{shown(entry.left)}</code>}</td>
              <td>{entry.kind === 'removed' ? <span className="muted">absent</span> : <code>{shown(entry.right)}</code>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {diff.entries.length > MAX_ROWS && (
        <p className="muted">
          The first {MAX_ROWS} of {diff.entries.length} differences are shown.
        </p>
      )}
    </div>
  )
}
