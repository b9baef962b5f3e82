import { useMemo } from 'react'
import { countOf, type Noun } from '../contract/count-words'
import { fieldPresence } from './field-presence'

/**
 * The field-presence matrix of some documents: each path, in how many it appears, and its
 * types. A path in every one, always of one type, is one a later step can rely on.
 */
export function FieldPresenceTable({ documents, what }: { documents: readonly unknown[]; what: Noun }) {
  const { total, fields } = useMemo(() => fieldPresence(documents), [documents])
  if (total === 0) return <p className="muted">No {what.other} to look at yet.</p>
  return (
    <table className="data-table">
      <caption>Each field of the last {countOf(total, what)}: in how many it appears, and as which types.</caption>
      <thead>
        <tr>
          <th scope="col">Path</th>
          <th scope="col">Present in</th>
          <th scope="col">Types</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr key={field.path} className={field.count < total ? 'presence-partial' : undefined}>
            <th scope="row">
              <code>{field.path}</code>
            </th>
            <td>
              {field.count} of {total}
              {field.count < total ? ' (sometimes absent)' : ''}
            </td>
            <td>{field.types.map((type) => (field.types.length === 1 ? type.type : `${type.type} (${type.count})`)).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
