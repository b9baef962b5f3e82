import type { TriggerConfig, TriggerDraft } from '../contract/trigger-config'
import { bigcommerceConnector, eventDefinition } from '../connectors/bigcommerce'
import { useAccountsQuery } from '../backend/trigger-queries'
import { accountStoreLabel } from '../ui/account-labels'

/** Account, event and headers of a draft or saved configuration, as a description list. */
export function TriggerDetails({ config }: { config: TriggerConfig | TriggerDraft }) {
  // Its own query rather than a prop: every caller needed the same list, and the cache shares it.
  const accounts = useAccountsQuery()
  const account = accounts.data?.find((candidate) => candidate.id === config.accountId)
  const event = config.event ? eventDefinition(config.event) : null
  return (
    <dl className="details">
      <div>
        <dt>Connector</dt>
        <dd>{config.connector ? bigcommerceConnector.name : 'Not chosen'}</dd>
      </div>
      <div>
        <dt>Trigger</dt>
        <dd>{config.trigger ? bigcommerceConnector.triggers.find((t) => t.id === config.trigger)?.name : 'Not chosen'}</dd>
      </div>
      <div>
        <dt>Account</dt>
        <dd>
          {account ? (
            <>
              {accountStoreLabel(account)} · Access Token <span className="mono">{account.tokenMask}</span>
              {account.signatureChecked && <> · Signature checked</>}
            </>
          ) : config.accountId ? (
            'An account that is no longer available'
          ) : (
            'Not chosen'
          )}
        </dd>
      </div>
      <div>
        <dt>Event</dt>
        <dd>
          {event ? (
            <>
              {event.label} · Scope: <code>{event.scope}</code>
            </>
          ) : (
            'Not chosen'
          )}
        </dd>
      </div>
      <div>
        <dt>Custom Headers</dt>
        <dd>
          {config.headers.length === 0 ? (
            'None'
          ) : (
            <ul className="plain-list">
              {config.headers.map((header, index) => (
                <li key={index}>
                  <span className="mono">{header.name}</span>: <span className="mono">{header.value}</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
    </dl>
  )
}
