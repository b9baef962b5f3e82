import { toBackendError } from '../backend/backend-error'
import { useAccountsQuery } from '../backend/trigger-queries'
import { PageHeading } from './page-heading'
import { PageLayout } from './page-layout'

/** The store accounts authorized so far, as the backend lists them: never a token or secret, only the token's mask. */
export function AccountsPage() {
  const accounts = useAccountsQuery()
  return (
    <PageLayout narrow>
      <PageHeading>Accounts</PageHeading>
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
          <table className="accounts-table">
            <caption className="visually-hidden">Accounts</caption>
            <thead>
              <tr>
                <th scope="col">Store</th>
                <th scope="col">Store Hash</th>
                <th scope="col">Access Token</th>
                <th scope="col">Signatures</th>
              </tr>
            </thead>
            <tbody>
              {accounts.data.map((account) => (
                <tr key={account.id}>
                  <td>{account.storeName}</td>
                  <td className="mono">{account.storeHash}</td>
                  <td className="mono">{account.tokenMask}</td>
                  <td>{account.signatureChecked ? 'Checked with the Client Secret' : 'Not checked: no Client Secret'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </PageLayout>
  )
}
