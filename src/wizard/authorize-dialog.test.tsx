import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { TriggerDraft } from '../contract/trigger-config'
import { BackendError } from '../contract/errors'
import { bigcommerceConnector } from '../connectors/bigcommerce'
import { emptyDraft, makeAccount } from '../backend/fake-backend'
import { renderWithBackend } from '../backend/render-with-backend'
import type { TriggerBackend } from '../backend/trigger-backend'
import { ConfigureTriggerForm } from './configure-trigger-form'

const existing = makeAccount()

function renderForm(overrides: Partial<TriggerBackend>) {
  return renderWithBackend(
    <ConfigureTriggerForm
      connector={bigcommerceConnector}
      draft={{ ...emptyDraft, stage: 'configureTrigger', connector: 'bigcommerce', trigger: 'bigcommerce' }}
      onDraftChange={vi.fn<(draft: TriggerDraft) => void>()}
      onProceed={vi.fn<(draft: TriggerDraft) => Promise<string | null>>(() => Promise.resolve(null))}
    />,
    { listAccounts: () => Promise.resolve([existing]), ...overrides },
  )
}

async function openDialog() {
  const user = userEvent.setup()
  await user.click(screen.getByRole('button', { name: '+ Add New Account' }))
  const dialog = screen.getByRole('dialog', { name: 'Authorize' })
  return { user, dialog }
}

describe('AuthorizeDialog', () => {
  it('is a modal that takes focus, shows the guide’s help and closes on Escape, returning focus', async () => {
    renderForm({})
    const { user, dialog } = await openDialog()
    expect(dialog).toHaveAttribute('aria-modal', 'true')
    expect(within(dialog).getByLabelText('Store Hash')).toHaveFocus()
    const link = within(dialog).getByRole('link', { name: 'Store API Accounts' })
    expect(link).toHaveAttribute('target', '_blank')
    expect(link).toHaveAttribute('rel', expect.stringContaining('noopener'))
    expect(within(dialog).getByText('Under the “API Accounts” section, click + Create API Account.')).toBeInTheDocument()
    expect(within(dialog).getByLabelText('Store Hash')).toHaveAccessibleDescription(
      expect.stringContaining('You can paste the whole path.'),
    )

    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: '+ Add New Account' })).toHaveFocus()
  })

  it('keeps focus inside while tabbing', async () => {
    renderForm({})
    const { user, dialog } = await openDialog()
    within(dialog).getByRole('button', { name: 'Cancel' }).focus()
    await user.tab()
    expect(dialog).toContainElement(document.activeElement as HTMLElement)
    await user.tab({ shift: true })
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus()
  })

  it('refuses a token no BigCommerce token looks like at the Access Token field, keeping it, without a call', async () => {
    const authorizeAccount = vi.fn<TriggerBackend['authorizeAccount']>()
    renderForm({ authorizeAccount })
    const { user, dialog } = await openDialog()
    await user.type(within(dialog).getByLabelText('Store Hash'), 'abc123')
    const token = within(dialog).getByLabelText('Access Token')
    // Pasted, as a user would bring a token; typing 300 characters would only slow the test.
    await user.click(token)
    await user.paste('x'.repeat(300))
    await user.click(within(dialog).getByRole('button', { name: 'Authorize' }))
    expect(token).toHaveAttribute('aria-invalid', 'true')
    expect(token).toHaveAccessibleDescription(expect.stringContaining('An Access Token is at most 256 characters; this one has 300.'))
    expect(token).toHaveValue('x'.repeat(300))
    expect(authorizeAccount).not.toHaveBeenCalled()
  })

  it('normalises a pasted API path and masks the token until shown', async () => {
    renderForm({})
    const { user, dialog } = await openDialog()
    await user.type(within(dialog).getByLabelText('Store Hash'), 'https://api.bigcommerce.com/stores/ABC123xyz/v3/')
    expect(within(dialog).getByText('abc123xyz')).toBeInTheDocument()
    expect(within(dialog).getByLabelText('Store Hash')).toHaveAccessibleDescription(expect.stringContaining('Store Hash to use: abc123xyz'))

    const token = within(dialog).getByLabelText('Access Token')
    expect(token).toHaveAttribute('type', 'password')
    const toggle = within(dialog).getByRole('button', { name: 'Show token' })
    expect(toggle).toHaveAttribute('aria-pressed', 'false')
    await user.click(toggle)
    expect(toggle).toHaveAttribute('aria-pressed', 'true')
    expect(token).toHaveAttribute('type', 'text')
  })

  it('takes an optional Client Secret, masked with its own toggle, explained, and sent trimmed', async () => {
    const authorizeAccount = vi.fn<TriggerBackend['authorizeAccount']>(() => Promise.resolve(makeAccount({ signatureChecked: true })))
    renderForm({ authorizeAccount })
    const { user, dialog } = await openDialog()
    const secret = within(dialog).getByLabelText('Client Secret')
    expect(secret).toHaveAttribute('type', 'password')
    expect(secret).toHaveAccessibleDescription(expect.stringContaining('Shown with the Access Token when the API account is created'))
    expect(secret).toHaveAccessibleDescription(expect.stringContaining('stored encrypted and never shown again'))
    await user.click(within(dialog).getByRole('button', { name: 'Show secret' }))
    expect(secret).toHaveAttribute('type', 'text')
    expect(within(dialog).getByLabelText('Access Token')).toHaveAttribute('type', 'password')

    await user.type(within(dialog).getByLabelText('Store Hash'), 'abc123')
    await user.type(within(dialog).getByLabelText('Access Token'), 'tok')
    await user.type(secret, ' h7g5f3d1s9a8 ')
    await user.click(within(dialog).getByRole('button', { name: 'Authorize' }))
    await waitFor(() =>
      expect(authorizeAccount).toHaveBeenCalledWith({
        connector: 'bigcommerce',
        storeHash: 'abc123',
        accessToken: 'tok',
        clientSecret: 'h7g5f3d1s9a8',
      }),
    )
  })

  it('refuses a Client Secret no secret looks like at its field, and shows the backend’s words there too', async () => {
    const authorizeAccount = vi.fn<TriggerBackend['authorizeAccount']>(() =>
      Promise.reject(new BackendError('validation_failed', 'A Client Secret is at most 256 characters.', { field: 'clientSecret' })),
    )
    renderForm({ authorizeAccount })
    const { user, dialog } = await openDialog()
    await user.type(within(dialog).getByLabelText('Store Hash'), 'abc123')
    await user.type(within(dialog).getByLabelText('Access Token'), 'tok')
    const secret = within(dialog).getByLabelText('Client Secret')
    await user.type(secret, 'two words')
    await user.click(within(dialog).getByRole('button', { name: 'Authorize' }))
    expect(secret).toHaveAttribute('aria-invalid', 'true')
    expect(secret).toHaveAccessibleDescription(expect.stringContaining('A Client Secret has no spaces or line breaks.'))
    expect(authorizeAccount).not.toHaveBeenCalled()

    await user.clear(secret)
    await user.type(secret, 'long-one')
    await user.click(within(dialog).getByRole('button', { name: 'Authorize' }))
    await waitFor(() => expect(secret).toHaveAccessibleDescription(expect.stringContaining('A Client Secret is at most 256 characters.')))
    expect(secret).toHaveValue('long-one')
  })

  it('also accepts store-{hash}', async () => {
    renderForm({})
    const { user, dialog } = await openDialog()
    await user.type(within(dialog).getByLabelText('Store Hash'), 'store-q1w2e3.mybigcommerce.com')
    expect(within(dialog).getByText('q1w2e3')).toBeInTheDocument()
  })

  it('checks both fields before calling the backend', async () => {
    const authorizeAccount = vi.fn<TriggerBackend['authorizeAccount']>()
    renderForm({ authorizeAccount })
    const { user, dialog } = await openDialog()
    await user.click(within(dialog).getByRole('button', { name: 'Authorize' }))
    expect(await within(dialog).findByText('Enter the Store Hash.')).toHaveAttribute('role', 'alert')
    expect(within(dialog).getByText('Enter the Access Token.')).toBeInTheDocument()
    expect(within(dialog).getByLabelText('Store Hash')).toHaveAttribute('aria-invalid', 'true')
    expect(authorizeAccount).not.toHaveBeenCalled()
  })

  it('shows a backend error at the field to blame and keeps both values', async () => {
    const authorizeAccount = vi.fn<TriggerBackend['authorizeAccount']>(() =>
      Promise.reject(new BackendError('invalid_credentials', 'BigCommerce did not accept this Access Token.', { field: 'accessToken' })),
    )
    renderForm({ authorizeAccount })
    const { user, dialog } = await openDialog()
    await user.type(within(dialog).getByLabelText('Store Hash'), 'abc123')
    await user.type(within(dialog).getByLabelText('Access Token'), 'secret-token')
    await user.click(within(dialog).getByRole('button', { name: 'Authorize' }))

    const token = within(dialog).getByLabelText('Access Token')
    await waitFor(() => expect(token).toHaveAttribute('aria-invalid', 'true'))
    expect(token).toHaveAccessibleDescription(expect.stringContaining('BigCommerce did not accept this Access Token.'))
    expect(within(dialog).getByRole('alert')).toHaveTextContent('BigCommerce did not accept this Access Token.')
    expect(token).toHaveValue('secret-token')
    expect(within(dialog).getByLabelText('Store Hash')).toHaveValue('abc123')
    expect(authorizeAccount).toHaveBeenCalledWith({ connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'secret-token' })
  })

  it('shows an error without a field in the dialog', async () => {
    renderForm({ authorizeAccount: () => Promise.reject(new BackendError('upstream_error', 'BigCommerce could not be reached.')) })
    const { user, dialog } = await openDialog()
    await user.type(within(dialog).getByLabelText('Store Hash'), 'abc123')
    await user.type(within(dialog).getByLabelText('Access Token'), 'tok')
    await user.click(within(dialog).getByRole('button', { name: 'Authorize' }))
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('BigCommerce could not be reached.')
    expect(within(dialog).getByLabelText('Store Hash')).toHaveValue('abc123')
    expect(within(dialog).getByLabelText('Access Token')).toHaveValue('tok')
  })

  it('on success closes and selects the new account at once; the old one can be picked again', async () => {
    const added = makeAccount({ id: 'acc-2', storeName: 'Garden Store', storeHash: 'xyz987', tokenMask: '••••••••9zz9' })
    let accounts = [existing]
    const { user } = { user: userEvent.setup() }
    renderForm({
      listAccounts: () => Promise.resolve(accounts),
      authorizeAccount: () => {
        accounts = [existing, added]
        return Promise.resolve(added)
      },
    })
    await user.click(screen.getByRole('button', { name: '+ Add New Account' }))
    const dialog = screen.getByRole('dialog', { name: 'Authorize' })
    await user.type(within(dialog).getByLabelText('Store Hash'), 'xyz987')
    await user.type(within(dialog).getByLabelText('Access Token'), 'tok')
    await user.click(within(dialog).getByRole('button', { name: 'Authorize' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    const select = screen.getByRole('combobox', { name: 'Account' })
    expect(select).toHaveValue('acc-2')
    expect(screen.getByRole('option', { name: 'Garden Store (xyz987) · ••••9zz9', selected: true })).toBeInTheDocument()

    await user.selectOptions(select, 'Plant Shop (abc123) · ••••k2f9')
    expect(select).toHaveValue('acc-1')
  })
})
