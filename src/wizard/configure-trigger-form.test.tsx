import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { TriggerDraft } from '../contract/trigger-config'
import { bigcommerceConnector } from '../connectors/bigcommerce'
import { emptyDraft, makeAccount } from '../backend/fake-backend'
import { renderWithBackend } from '../backend/render-with-backend'
import { ConfigureTriggerForm } from './configure-trigger-form'

const draft = { ...emptyDraft, stage: 'configureTrigger' as const, connector: 'bigcommerce' as const, trigger: 'bigcommerce' as const }

function renderForm(
  onProceed = vi.fn<(draft: TriggerDraft) => Promise<string | null>>(() => Promise.resolve(null)),
  accounts = [makeAccount()],
) {
  const onDraftChange = vi.fn<(draft: TriggerDraft) => void>()
  renderWithBackend(
    <ConfigureTriggerForm connector={bigcommerceConnector} draft={draft} onDraftChange={onDraftChange} onProceed={onProceed} />,
    { listAccounts: () => Promise.resolve(accounts) },
  )
  return { user: userEvent.setup(), onDraftChange, onProceed }
}

describe('ConfigureTriggerForm', () => {
  it('offers exactly the six events and explains the chosen one', async () => {
    const { user } = renderForm()
    const select = screen.getByRole('combobox', { name: 'Select an Event' })
    const labels = screen
      .getAllByRole('option')
      .filter((option) => select.contains(option))
      .map((option) => option.textContent)
    expect(labels).toEqual(['Cart Converted', 'Customer Created', 'Product Created', 'Order Created', 'Shipment Created', 'SKU Created'])
    await user.selectOptions(select, 'Product Created')
    expect(select).toHaveAccessibleDescription(expect.stringContaining('Scope: store/product/created'))
    expect(select).toHaveAccessibleDescription(expect.stringContaining('A new product is created.'))
  })

  it('marks in the list which events the chosen account cannot show live samples of, and why', async () => {
    const limited = makeAccount({
      id: 'acc-limited',
      storeName: 'Tea Shop',
      readScopes: { checkedAt: '2026-01-02T10:00:00.000Z', areas: { products: 'missing', orders: 'granted', customers: 'unknown' } },
    })
    const { user } = renderForm(undefined, [makeAccount(), limited])
    const select = screen.getByRole('combobox', { name: 'Select an Event' })
    // With every scope (the first account's) nothing is grouped.
    await screen.findByRole('option', { name: /^Tea Shop/ })
    await user.selectOptions(screen.getByRole('combobox', { name: 'Account' }), 'acc-1')
    expect(within(select).queryAllByRole('group')).toEqual([])

    await user.selectOptions(screen.getByRole('combobox', { name: 'Account' }), 'acc-limited')
    const groups = within(select)
      .getAllByRole('group')
      .map((group) => [
        group.getAttribute('label'),
        within(group)
          .getAllByRole('option')
          .map((option) => option.textContent),
      ])
    expect(groups).toEqual([
      ['Live samples available', ['Cart Converted', 'Order Created', 'Shipment Created']],
      ['Needs Products: read-only for live samples', ['Product Created', 'SKU Created']],
      ['Live samples not checked', ['Customer Created']],
    ])

    // Never blocked: the event is chosen, and the help says what the missing scope costs.
    await user.selectOptions(select, 'SKU Created')
    expect(select).toHaveValue('store/sku/created')
    expect(select).toHaveAccessibleDescription(
      expect.stringContaining('Needs Products: read-only for live samples and the fetched record, which this account’s token lacks'),
    )
    await user.selectOptions(select, 'Order Created')
    expect(select).toHaveAccessibleDescription(expect.stringContaining('This account’s token has Orders: read-only'))
  })

  it('Proceed with problems shows every one at its field and focuses the first', async () => {
    const { user, onProceed } = renderForm()
    await user.click(screen.getByRole('switch', { name: 'Show optional fields' }))
    await user.click(screen.getByRole('button', { name: '+ Add Custom Header' }))
    await user.type(screen.getByRole('textbox', { name: 'Header value 1' }), 'x')
    await user.click(screen.getByRole('button', { name: 'Proceed' }))

    const account = screen.getByRole('combobox', { name: 'Account' })
    expect(account).toHaveAttribute('aria-invalid', 'true')
    expect(account).toHaveAccessibleDescription(expect.stringContaining('Choose an account or add a new one.'))
    expect(account).toHaveFocus()
    const event = screen.getByRole('combobox', { name: 'Select an Event' })
    expect(event).toHaveAttribute('aria-invalid', 'true')
    expect(event).toHaveAccessibleDescription(expect.stringContaining('Select an event.'))
    expect(screen.getByRole('textbox', { name: 'Header name 1' })).toHaveAccessibleDescription('Enter a header name.')
    expect(screen.getAllByRole('alert').map((alert) => alert.textContent)).toEqual([
      'Choose an account or add a new one.',
      'Select an event.',
      'Enter a header name.',
    ])
    expect(onProceed).not.toHaveBeenCalled()
  })

  it('tells two accounts of the same store apart by their tokens’ last four characters', async () => {
    const limited = makeAccount({ id: 'acc-2', tokenMask: '••••••••r7p3' })
    const { user, onDraftChange } = renderForm(undefined, [makeAccount(), limited])
    const select = screen.getByRole('combobox', { name: 'Account' })
    await screen.findByRole('option', { name: 'Plant Shop (abc123) · ••••r7p3' })
    expect(screen.getByRole('option', { name: 'Plant Shop (abc123) · ••••k2f9' })).toBeInTheDocument()
    await user.selectOptions(select, 'Plant Shop (abc123) · ••••r7p3')
    expect(onDraftChange).toHaveBeenLastCalledWith({ ...draft, accountId: 'acc-2' })
  })

  it('names a store whose name the token cannot read by its hash once, not “hold0ut43 (hold0ut43)”', async () => {
    const nameless = makeAccount({
      id: 'acc-3',
      name: 'hold0ut43',
      storeName: 'hold0ut43',
      storeHash: 'hold0ut43',
      tokenMask: '••••••••x9q1',
    })
    const { user } = renderForm(undefined, [nameless])
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Account' }),
      await screen.findByRole('option', { name: 'hold0ut43 · ••••x9q1' }),
    )
    expect(screen.getByRole('combobox', { name: 'Account' })).toHaveAccessibleDescription(
      'Access Token ••••••••x9q1, authorized for hold0ut43.',
    )
  })

  it('writes every change as a draft and proceeds with a valid one', async () => {
    const { user, onDraftChange, onProceed } = renderForm()
    await screen.findByRole('option', { name: 'Plant Shop (abc123) · ••••k2f9' })
    await user.selectOptions(screen.getByRole('combobox', { name: 'Account' }), 'Plant Shop (abc123) · ••••k2f9')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Select an Event' }), 'Order Created')
    expect(onDraftChange).toHaveBeenLastCalledWith({ ...draft, accountId: 'acc-1', event: 'store/order/created' })
    await user.click(screen.getByRole('button', { name: 'Proceed' }))
    expect(onProceed).toHaveBeenCalledWith({ ...draft, stage: 'test', accountId: 'acc-1', event: 'store/order/created' })
  })

  it('adds an account through the Authorize dialog without proceeding, however complete the form is', async () => {
    const onProceed = vi.fn<(draft: TriggerDraft) => Promise<string | null>>(() => Promise.resolve(null))
    const added = makeAccount({ id: 'acc-new', storeName: 'Tea Shop', storeHash: 'tea999' })
    let listed = [makeAccount()]
    renderWithBackend(
      <ConfigureTriggerForm connector={bigcommerceConnector} draft={draft} onDraftChange={() => undefined} onProceed={onProceed} />,
      {
        listAccounts: () => Promise.resolve(listed),
        authorizeAccount: () => {
          listed = [...listed, added]
          return Promise.resolve(added)
        },
      },
    )
    const user = userEvent.setup()
    await screen.findByRole('option', { name: 'Plant Shop (abc123) · ••••k2f9' })
    await user.selectOptions(screen.getByRole('combobox', { name: 'Account' }), 'acc-1')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Select an Event' }), 'Order Created')

    await user.click(screen.getByRole('button', { name: '+ Add New Account' }))
    const dialog = screen.getByRole('dialog', { name: 'Authorize' })
    await user.type(within(dialog).getByLabelText('Store Hash'), 'tea999')
    await user.type(within(dialog).getByLabelText('Access Token'), 'token-tea9')
    await user.click(within(dialog).getByRole('button', { name: 'Authorize' }))

    // The dialog's form is portalled out of this one, yet React bubbles its submit through.
    await waitFor(() => expect(dialog).not.toBeInTheDocument())
    expect(screen.getByRole('combobox', { name: 'Account' })).toHaveValue('acc-new')
    expect(onProceed).not.toHaveBeenCalled()
  })

  it('keeps the form and says why when Proceed cannot store the draft', async () => {
    const { user } = renderForm(
      vi.fn<(draft: TriggerDraft) => Promise<string | null>>(() => Promise.resolve('Could not continue: the server is down.')),
    )
    await screen.findByRole('option', { name: 'Plant Shop (abc123) · ••••k2f9' })
    await user.selectOptions(screen.getByRole('combobox', { name: 'Account' }), 'Plant Shop (abc123) · ••••k2f9')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Select an Event' }), 'Order Created')
    await user.click(screen.getByRole('button', { name: 'Proceed' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not continue: the server is down.')
    expect(screen.getByRole('combobox', { name: 'Select an Event' })).toHaveValue('store/order/created')
  })
})
