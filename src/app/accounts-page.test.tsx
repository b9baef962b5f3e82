import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Account } from '../contract/accounts'
import { BackendError } from '../contract/errors'
import { makeAccount } from '../backend/fake-backend'
import type { TriggerBackend } from '../backend/trigger-backend'
import { renderApp } from './render-app'

afterEach(() => window.history.pushState(null, '', '/'))

const teaShop = makeAccount({
  id: 'acc-2',
  storeName: 'Tea Shop',
  storeHash: 'tea999',
  tokenMask: '••••••••zz11',
  lastVerifiedAt: '2026-03-04T05:06:07.000Z',
  readScopes: { checkedAt: '2026-03-04T05:06:07.000Z', areas: { products: 'missing', orders: 'granted', customers: 'unknown' } },
  signatureChecked: true,
  usedBy: [
    { id: 'auto-1', name: 'New products to CMS' },
    { id: 'auto-2', name: 'Orders to ERP' },
  ],
})

function card(name: string) {
  return screen.findByRole('region', { name })
}

/** The page over a backend listing `accounts`, which each mutation given updates as the server would. */
async function renderAccounts(path: string, accounts: Account[], overrides: Partial<TriggerBackend> = {}) {
  const listAccounts = vi.fn<TriggerBackend['listAccounts']>(() => Promise.resolve(accounts))
  const rendered = await renderApp(path, { listAccounts, ...overrides })
  return { ...rendered, listAccounts, user: userEvent.setup() }
}

describe('AccountsPage', () => {
  it('shows each account’s store, token mask, signature check, last verification, what it can read and who uses it; reached from the navigation', async () => {
    await renderApp('/', { listAutomations: () => Promise.resolve([]), listAccounts: () => Promise.resolve([makeAccount(), teaShop]) })
    await userEvent.setup().click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Accounts' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Accounts' })).toHaveFocus()
    expect(window.location.pathname).toBe('/accounts')
    expect(
      within(await screen.findByRole('list', { name: 'Accounts' }))
        .getAllByRole('heading', { level: 2 })
        .map((h) => h.textContent),
    ).toEqual(['Plant Shop', 'Tea Shop'])

    const tea = await card('Tea Shop')
    const value = (term: string) => within(tea).getByText(term, { selector: 'dt' }).nextElementSibling
    expect(value('Store Hash')).toHaveTextContent('tea999')
    expect(value('Access Token')).toHaveTextContent('••••••••zz11')
    expect(value('Signatures')).toHaveTextContent('Checked with the Client Secret')
    expect(within(tea).getAllByRole('time')[0]).toHaveAttribute('dateTime', '2026-03-04T05:06:07.000Z')
    expect(value('Can read')).toHaveTextContent(
      /No Products: read-only · Product Created and SKU Created test with BigCommerce’s documented example/,
    )
    expect(value('Can read')).toHaveTextContent(/Yes Orders: read-only/)
    expect(value('Can read')).toHaveTextContent(/Not known Customers: read-only/)
    const users = within(tea).getByRole('list', { name: 'Automations using Tea Shop' })
    expect(within(users).getByRole('link', { name: 'Orders to ERP' })).toHaveAttribute('href', '/automations/auto-2')
    expect(within(await card('Plant Shop')).getByText('No automation')).toBeInTheDocument()
    expect(within(await card('Plant Shop')).getByText('Not checked: no Client Secret')).toBeInTheDocument()
  })

  it('says when there are none yet', async () => {
    await renderApp('/accounts', { listAccounts: () => Promise.resolve([]) })
    expect(await screen.findByText(/No accounts yet/)).toBeInTheDocument()
  })

  describe('Rename', () => {
    it('checks the name at the field, keeps what was typed when the backend refuses, and renames', async () => {
      const renameAccount = vi.fn<TriggerBackend['renameAccount']>()
      renameAccount.mockRejectedValueOnce(new BackendError('validation_failed', 'Keep the name under 100 characters.', { field: 'name' }))
      renameAccount.mockImplementationOnce(({ name }) => Promise.resolve(makeAccount({ name })))
      const { user } = await renderAccounts('/accounts', [makeAccount()], { renameAccount })

      await user.click(within(await card('Plant Shop')).getByRole('button', { name: 'Rename Plant Shop' }))
      const dialog = screen.getByRole('dialog', { name: 'Rename account' })
      expect(window.location.search).toBe('?account=acc-1&action=rename')
      const name = within(dialog).getByRole('textbox', { name: 'Account name' })
      expect(name).toHaveFocus()
      expect(name).toHaveValue('Plant Shop')

      await user.clear(name)
      await user.click(within(dialog).getByRole('button', { name: 'Save name' }))
      expect(name).toHaveAttribute('aria-invalid', 'true')
      expect(name).toHaveAccessibleDescription(expect.stringContaining('Enter a name.'))
      expect(renameAccount).not.toHaveBeenCalled()

      await user.type(name, 'Main shop')
      await user.click(within(dialog).getByRole('button', { name: 'Save name' }))
      expect(await within(dialog).findByRole('alert')).toHaveTextContent('Keep the name under 100 characters.')
      expect(name).toHaveValue('Main shop')

      await user.click(within(dialog).getByRole('button', { name: 'Save name' }))
      await waitFor(() => expect(dialog).not.toBeInTheDocument())
      expect(renameAccount).toHaveBeenLastCalledWith({ accountId: 'acc-1', name: 'Main shop' })
      expect(screen.getByRole('heading', { level: 2, name: 'Main shop' })).toBeInTheDocument()
      expect(screen.getByText('Renamed to Main shop.')).toBeInTheDocument()
      expect(window.location.search).toBe('')
    })

    it('refuses a name with a control character at the field, before sending it', async () => {
      const renameAccount = vi.fn<TriggerBackend['renameAccount']>()
      const { user } = await renderAccounts('/accounts', [makeAccount()], { renameAccount })
      await user.click(within(await card('Plant Shop')).getByRole('button', { name: 'Rename Plant Shop' }))
      const dialog = screen.getByRole('dialog', { name: 'Rename account' })
      const name = within(dialog).getByRole('textbox', { name: 'Account name' })
      await user.clear(name)
      await user.paste('bell\u0007name')
      await user.click(within(dialog).getByRole('button', { name: 'Save name' }))
      expect(name).toHaveAttribute('aria-invalid', 'true')
      expect(name).toHaveAccessibleDescription(expect.stringContaining('A name cannot hold control characters'))
      expect(name).toHaveValue('bell\u0007name')
      expect(renameAccount).not.toHaveBeenCalled()
    })
  })

  describe('Re-enter token', () => {
    it('opens from its address, keeps the typed token when BigCommerce refuses it, says so at the field, and replaces it', async () => {
      let answer: (account: Account) => void = () => undefined
      const replaceAccountToken = vi.fn<TriggerBackend['replaceAccountToken']>()
      replaceAccountToken.mockRejectedValueOnce(
        new BackendError('invalid_credentials', 'BigCommerce did not accept this Access Token for Plant Shop.', { field: 'accessToken' }),
      )
      replaceAccountToken.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)))
      const { user } = await renderAccounts('/accounts?account=acc-1&action=token', [makeAccount()], { replaceAccountToken })

      const dialog = await screen.findByRole('dialog', { name: 'Re-enter the Access Token' })
      const token = within(dialog).getByLabelText('Access Token')
      expect(token).toHaveFocus()
      expect(token).toHaveAttribute('type', 'password')
      await user.type(token, 'has space')
      await user.click(within(dialog).getByRole('button', { name: 'Check and replace' }))
      expect(token).toHaveAccessibleDescription(expect.stringContaining('An Access Token has no spaces'))
      expect(replaceAccountToken).not.toHaveBeenCalled()

      await user.clear(token)
      await user.type(token, 'other-store-token')
      await user.click(within(dialog).getByRole('button', { name: 'Check and replace' }))
      await waitFor(() => expect(token).toHaveAccessibleDescription(expect.stringContaining('did not accept this Access Token')))
      expect(replaceAccountToken).toHaveBeenLastCalledWith({ accountId: 'acc-1', accessToken: 'other-store-token' })
      expect(token).toHaveAttribute('aria-invalid', 'true')
      expect(token).toHaveValue('other-store-token')

      await user.clear(token)
      await user.type(token, 'right-token-9f3a')
      // The new token's API account has its own Client Secret, which goes with it.
      await user.type(within(dialog).getByLabelText('Client Secret'), 'secret-of-9f3a')
      await user.click(within(dialog).getByRole('button', { name: 'Check and replace' }))
      expect(within(dialog).getByRole('status')).toHaveTextContent('Checking the Access Token with BigCommerce…')
      expect(within(dialog).getByRole('button', { name: 'Check and replace' })).toHaveAttribute('aria-busy', 'true')
      answer(makeAccount({ tokenMask: '••••••••9f3a' }))
      await waitFor(() => expect(dialog).not.toBeInTheDocument())
      expect(replaceAccountToken).toHaveBeenLastCalledWith({
        accountId: 'acc-1',
        accessToken: 'right-token-9f3a',
        clientSecret: 'secret-of-9f3a',
      })
      expect(screen.getByText('Plant Shop now uses the token ending in 9f3a.')).toBeInTheDocument()
      expect(within(await card('Plant Shop')).getByText('••••••••9f3a')).toBeInTheDocument()
    })
  })

  it('says when the store’s name is not known instead of repeating its hash, on the card, in Rename and in Re-enter token', async () => {
    const nameless = makeAccount({ id: 'acc-3', name: 'hold0ut43', storeName: 'hold0ut43', storeHash: 'hold0ut43' })
    const { user } = await renderAccounts('/accounts', [nameless])
    const account = await card('hold0ut43')
    const value = (term: string) => within(account).getByText(term, { selector: 'dt' }).nextElementSibling
    expect(value('Store')).toHaveTextContent('Not known: the token cannot read the store’s details (Information & Settings)')
    expect(value('Store Hash')).toHaveTextContent('hold0ut43')
    await user.click(within(account).getByRole('button', { name: 'Rename hold0ut43' }))
    expect(screen.getByRole('textbox', { name: 'Account name' })).toHaveAccessibleDescription(
      'How the Account list names it. The store stays hold0ut43.',
    )
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    await user.click(within(account).getByRole('button', { name: 'Re-enter token hold0ut43' }))
    expect(screen.getByRole('dialog', { name: 'Re-enter the Access Token' })).toHaveTextContent(
      /^Re-enter the Access TokenFor hold0ut43, whose token now ends in k2f9\./,
    )
  })

  describe('Delete', () => {
    it('names the automations using the account, with links, instead of offering Delete', async () => {
      const deleteAccount = vi.fn<TriggerBackend['deleteAccount']>()
      const { user } = await renderAccounts('/accounts', [teaShop], { deleteAccount })
      await user.click(within(await card('Tea Shop')).getByRole('button', { name: 'Delete Tea Shop' }))
      const dialog = screen.getByRole('dialog', { name: 'Delete this account?' })
      expect(dialog).toHaveTextContent('Tea Shop cannot be deleted while automations use it.')
      const users = within(dialog).getByRole('list', { name: 'Automations using Tea Shop' })
      expect(
        within(users)
          .getAllByRole('link')
          .map((link) => link.textContent),
      ).toEqual(['New products to CMS', 'Orders to ERP'])
      expect(within(dialog).queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument()
      expect(within(dialog).getByRole('button', { name: 'Close' })).toHaveFocus()
      expect(deleteAccount).not.toHaveBeenCalled()
    })

    it('says so in the singular when one automation uses the account', async () => {
      const oneUser = { ...teaShop, usedBy: [{ id: 'auto-2', name: 'Orders to ERP' }] }
      const { user } = await renderAccounts('/accounts', [oneUser])
      await user.click(within(await card('Tea Shop')).getByRole('button', { name: 'Delete Tea Shop' }))
      expect(screen.getByRole('dialog', { name: 'Delete this account?' })).toHaveTextContent(
        'Tea Shop cannot be deleted while an automation uses it. Choose another account in this automation, or delete it, first:',
      )
    })

    it('deletes an account nothing uses, and shows the backend’s refusal when one started using it meanwhile', async () => {
      let listed = [makeAccount(), makeAccount({ id: 'acc-3', storeName: 'Spare' })]
      const deleteAccount = vi.fn<TriggerBackend['deleteAccount']>(async ({ accountId }) => {
        if (accountId === 'acc-1') {
          // An automation chose it after the page loaded: the next list says so.
          listed = [makeAccount({ usedBy: [{ id: 'auto-2', name: 'Orders to ERP' }] }), ...listed.slice(1)]
          throw new BackendError('conflict', 'Plant Shop is used by the automation “Orders to ERP”, so it was not deleted.')
        }
        listed = listed.filter((account) => account.id !== accountId)
      })
      const { user } = await renderAccounts('/accounts', [], { listAccounts: () => Promise.resolve(listed), deleteAccount })

      await user.click(within(await card('Plant Shop')).getByRole('button', { name: 'Delete Plant Shop' }))
      const dialog = screen.getByRole('dialog', { name: 'Delete this account?' })
      expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus()
      await user.click(within(dialog).getByRole('button', { name: 'Delete' }))
      expect(await within(dialog).findByRole('alert')).toHaveTextContent(
        'The account was not deleted: Plant Shop is used by the automation “Orders to ERP”, so it was not deleted.',
      )
      expect(await within(dialog).findByRole('link', { name: 'Orders to ERP' })).toBeInTheDocument()
      expect(within(dialog).queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument()
      expect(within(dialog).getByRole('button', { name: 'Close' })).toHaveFocus()
      await user.click(within(dialog).getByRole('button', { name: 'Close' }))

      await user.click(within(await card('Spare')).getByRole('button', { name: 'Delete Spare' }))
      await user.click(within(screen.getByRole('dialog', { name: 'Delete this account?' })).getByRole('button', { name: 'Delete' }))
      expect(await screen.findByText('Spare was deleted.')).toBeInTheDocument()
      expect(screen.queryByRole('region', { name: 'Spare' })).not.toBeInTheDocument()
      expect(screen.getByRole('region', { name: 'Plant Shop' })).toBeInTheDocument()
    })
  })
})
