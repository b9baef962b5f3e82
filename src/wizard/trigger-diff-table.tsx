import type { DiffAccount, HeaderChange, TriggerDiff } from '../contract/versions'
import type { EventScope } from '../contract/events'
import { isEmptyDiff, MASKED_VALUE, SECRET_HEADER_WORDS } from '../contract/trigger-diff'
import { eventDefinition } from '../connectors/bigcommerce'
import { accountStoreLabel } from '../ui/account-labels'

function accountText(account: DiffAccount): string {
  if (account.store) return `${accountStoreLabel(account.store)} · ${account.store.tokenMask}`
  return account.id === null ? 'Not chosen' : 'An account that is no longer available'
}

function eventText(scope: EventScope | null): string {
  return scope === null ? 'Not chosen' : eventDefinition(scope).label
}

function headerChangeText(header: HeaderChange): string {
  if (header.change === 'added') return 'Added'
  if (header.change === 'removed') return 'Removed'
  const renamed = header.previousName === null ? null : `Renamed from ${header.previousName}`
  return [renamed, header.valueChanged ? 'Value changed' : null].filter(Boolean).join(', ')
}

/** A header's value on one side; a masked one says so in words too, for a screen reader. */
function HeaderValue({ value }: { value: string | null }) {
  if (value === null) return <span className="muted">Not set</span>
  if (value === MASKED_VALUE) {
    return (
      <>
        <span aria-hidden="true">{MASKED_VALUE}</span>
        <span className="visually-hidden">Hidden</span>
      </>
    )
  }
  return <span className="mono">{value}</span>
}

/**
 * What differs between two configurations, a row per field: account, event, and each header
 * added, removed or changed. `fromLabel` and `toLabel` head the two sides ("Draft", "Version 3").
 */
export function TriggerDiffTable({
  diff,
  caption,
  fromLabel,
  toLabel,
}: {
  diff: TriggerDiff
  caption: string
  fromLabel: string
  toLabel: string
}) {
  if (isEmptyDiff(diff))
    return (
      <p>
        {fromLabel} and {toLabel} have the same account, event and headers.
      </p>
    )
  const masked = diff.headers.some((header) => header.secret)
  return (
    <div className="stack-tight">
      <table className="diff-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">{fromLabel}</th>
            <th scope="col">{toLabel}</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {diff.account && (
            <tr>
              <th scope="row">Account</th>
              <td>{accountText(diff.account.from)}</td>
              <td>{accountText(diff.account.to)}</td>
              <td>Changed</td>
            </tr>
          )}
          {diff.event && (
            <tr>
              <th scope="row">Event</th>
              <td>{eventText(diff.event.from)}</td>
              <td>{eventText(diff.event.to)}</td>
              <td>Changed</td>
            </tr>
          )}
          {diff.headers.map((header, index) => (
            <tr key={index}>
              <th scope="row">
                Header <span className="mono">{header.name || '(no name)'}</span>
              </th>
              <td>
                <HeaderValue value={header.from} />
              </td>
              <td>
                <HeaderValue value={header.to} />
              </td>
              <td>{headerChangeText(header)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {masked && (
        <p className="field-note">
          {MASKED_VALUE} hides the values of headers whose names contain {SECRET_HEADER_WORDS.join(', ')}: they usually hold a secret.
        </p>
      )}
    </div>
  )
}
