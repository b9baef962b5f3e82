import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { useId, useState } from 'react'
import type { Account, ReadArea } from '../contract/accounts'
import { bigcommerceConnector } from '../connectors/bigcommerce'
import type { EventDefinition } from '../connectors/connector-definition'
import { toBackendError } from '../backend/backend-error'
import { useAccountListQuery } from '../backend/trigger-queries'
import { storeNameUnknown } from '../ui/account-labels'
import { formatTime } from '../ui/format-time'
import { DeleteAccountDialog } from './delete-account-dialog'
import { PageHeading } from './page-heading'
import { PageLayout } from './page-layout'
import { RenameAccountDialog } from './rename-account-dialog'
import { ReplaceTokenDialog } from './replace-token-dialog'
import type { AccountsSearch } from './search-params'

const AREAS: readonly ReadArea[] = ['products', 'orders', 'customers']

/** The events whose live samples and records need the area's read scope. */
function eventsReading(area: ReadArea): EventDefinition[] {
  return bigcommerceConnector.events.filter((event) => event.readArea === area)
}

/**
 * Every account authorized here: which store, which token (its mask, never the token or the
 * Client Secret), what the token can read and which automations use it; with rename, a new
 * token, and delete.
 */
export function AccountsPage() {
  const accounts = useAccountListQuery()
  const search = useSearch({ from: '/accounts' })
  const navigate = useNavigate({ from: '/accounts' })
  // What the last change did, said where a screen reader hears it.
  const [notice, setNotice] = useState('')
  // In the address, so a reload or Back returns to the open dialog.
  const open = (next: AccountsSearch) => void navigate({ search: next, replace: true })
  const close = () => open({})
  const done = (words: string) => {
    setNotice(words)
    close()
  }
  const target = accounts.data?.find((account) => account.id === search.account)

  return (
    <PageLayout narrow>
      <PageHeading>Accounts</PageHeading>
      <output className="muted" aria-live="polite">
        {notice}
      </output>
      {accounts.isPending && <output>Loading accounts…</output>}
      {accounts.isError && (
        <div className="alert alert-error" role="alert">
          <p>The accounts could not be loaded: {toBackendError(accounts.error).message}</p>
          <button type="button" className="button" onClick={() => void accounts.refetch()}>
            Retry
          </button>
        </div>
      )}
      {accounts.data &&
        (accounts.data.length === 0 ? (
          <p className="muted">No accounts yet. Add one with + Add New Account while configuring a trigger.</p>
        ) : (
          <ul className="account-list" aria-label="Accounts">
            {accounts.data.map((account) => (
              <li key={account.id}>
                <AccountCard account={account} onOpen={(action) => open({ account: account.id, action })} />
              </li>
            ))}
          </ul>
        ))}
      {target && search.action === 'rename' && (
        <RenameAccountDialog account={target} onClose={close} onRenamed={(renamed) => done(`Renamed to ${renamed.name}.`)} />
      )}
      {target && search.action === 'token' && (
        <ReplaceTokenDialog
          account={target}
          onClose={close}
          onReplaced={(replaced) => done(`${replaced.name} now uses the token ending in ${replaced.tokenMask.slice(-4)}.`)}
        />
      )}
      {target && search.action === 'delete' && (
        <DeleteAccountDialog account={target} onClose={close} onDeleted={() => done(`${target.name} was deleted.`)} />
      )}
    </PageLayout>
  )
}

function AccountCard({ account, onOpen }: { account: Account; onOpen: (action: NonNullable<AccountsSearch['action']>) => void }) {
  const headingId = useId()
  // Each button's name says whose it is: "Rename" alone would be said once per account.
  const whose = <span className="visually-hidden">{account.name}</span>
  return (
    <section className="card account-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{account.name}</h2>
      {/* A stack, so the buttons stand apart from the list of automations above them. */}
      <div className="stack">
        <dl className="details">
          <div>
            <dt>Store</dt>
            {/* Not the hash again, which the next row shows. */}
            <dd>
              {storeNameUnknown(account)
                ? 'Not known: the token cannot read the store’s details (Information & Settings)'
                : account.storeName}
            </dd>
          </div>
          <div>
            <dt>Store Hash</dt>
            <dd className="mono">{account.storeHash}</dd>
          </div>
          <div>
            <dt>Access Token</dt>
            <dd className="mono">{account.tokenMask}</dd>
          </div>
          <div>
            <dt>Signatures</dt>
            <dd>{account.signatureChecked ? 'Checked with the Client Secret' : 'Not checked: no Client Secret'}</dd>
          </div>
          <div>
            <dt>Last verified</dt>
            <dd>
              <time dateTime={account.lastVerifiedAt}>{formatTime(account.lastVerifiedAt)}</time>
            </dd>
          </div>
          <div>
            <dt>Can read</dt>
            <dd>
              <ReadScopesList account={account} />
            </dd>
          </div>
          <div>
            <dt>Used by</dt>
            <dd>
              {account.usedBy.length === 0 ? (
                'No automation'
              ) : (
                <ul className="plain-list" aria-label={`Automations using ${account.name}`}>
                  {account.usedBy.map((user) => (
                    <li key={user.id}>
                      <Link to="/automations/$automationId" params={{ automationId: user.id }}>
                        {user.name}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        </dl>
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={() => onOpen('rename')}>
            Rename {whose}
          </button>
          <button type="button" className="button button-secondary" onClick={() => onOpen('token')}>
            Re-enter token {whose}
          </button>
          <button type="button" className="button button-ghost" onClick={() => onOpen('delete')}>
            Delete {whose}
          </button>
        </div>
      </div>
    </section>
  )
}

/** Per area, whether the token could read it when last checked, and what a missing scope costs. */
function ReadScopesList({ account }: { account: Account }) {
  const scopes = account.readScopes
  if (!scopes) return <>Not checked yet: re-enter the token to check what it can read.</>
  return (
    <>
      <ul className="plain-list scope-list">
        {AREAS.map((area) => {
          const events = eventsReading(area)
          const label = events[0]?.readScope.label ?? area
          const access = scopes.areas[area]
          return (
            <li key={area}>
              {access === 'granted' ? (
                <span className="badge badge-ok">Yes</span>
              ) : (
                <span className="badge badge-warning">{access === 'missing' ? 'No' : 'Not known'}</span>
              )}{' '}
              {label}
              {access === 'missing' && (
                <span className="muted">
                  {' '}
                  · {new Intl.ListFormat('en').format(events.map((event) => event.label))} test with BigCommerce’s documented example
                </span>
              )}
              {access === 'unknown' && <span className="muted"> · BigCommerce could not be asked; re-enter the token to check again</span>}
            </li>
          )
        })}
      </ul>
      <p className="muted">
        Checked <time dateTime={scopes.checkedAt}>{formatTime(scopes.checkedAt)}</time>
      </p>
    </>
  )
}
