import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { makeAccount } from '../backend/fake-backend'
import { renderApp } from './render-app'

afterEach(() => window.history.pushState(null, '', '/'))

describe('AccountsPage', () => {
  it('lists the authorized accounts by store name, Store Hash, token mask and whether signatures are checked, reached from the left navigation', async () => {
    await renderApp('/', {
      listAutomations: () => Promise.resolve([]),
      listAccounts: () =>
        Promise.resolve([
          makeAccount(),
          makeAccount({ id: 'acc-2', storeName: 'Tea Shop', storeHash: 'tea999', tokenMask: '••••••••zz11', signatureChecked: true }),
        ]),
    })
    await userEvent.setup().click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Accounts' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Accounts' })).toHaveFocus()
    expect(window.location.pathname).toBe('/accounts')
    const rows = within(await screen.findByRole('table', { name: 'Accounts' })).getAllByRole('row')
    expect(rows.map((row) => row.textContent)).toEqual([
      'StoreStore HashAccess TokenSignatures',
      'Plant Shopabc123••••••••k2f9Not checked: no Client Secret',
      'Tea Shoptea999••••••••zz11Checked with the Client Secret',
    ])
  })

  it('says when there are none yet', async () => {
    await renderApp('/accounts', { listAccounts: () => Promise.resolve([]) })
    expect(await screen.findByText(/No accounts yet/)).toBeInTheDocument()
  })
})
