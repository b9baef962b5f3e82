import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { TriggerDraft } from '../contract/trigger-config'
import type { CustomHeader } from '../contract/custom-headers'
import { bigcommerceConnector } from '../connectors/bigcommerce'
import { emptyDraft, makeAccount } from '../backend/fake-backend'
import { renderWithBackend } from '../backend/render-with-backend'
import { ConfigureTriggerForm } from './configure-trigger-form'

function renderWithHeaders(headers: CustomHeader[]) {
  const onDraftChange = vi.fn<(draft: TriggerDraft) => void>()
  const onProceed = vi.fn<(draft: TriggerDraft) => Promise<string | null>>(() => Promise.resolve(null))
  renderWithBackend(
    <ConfigureTriggerForm
      connector={bigcommerceConnector}
      draft={{
        ...emptyDraft,
        stage: 'configureTrigger',
        connector: 'bigcommerce',
        trigger: 'bigcommerce',
        accountId: 'acc-1',
        event: 'store/product/created',
        headers,
      }}
      onDraftChange={onDraftChange}
      onProceed={onProceed}
    />,
    { listAccounts: () => Promise.resolve([makeAccount()]) },
  )
  return { onDraftChange, onProceed, user: userEvent.setup() }
}

function expectProblem(label: string, message: string) {
  const input = screen.getByRole('textbox', { name: label })
  expect(input).toHaveAttribute('aria-invalid', 'true')
  expect(input).toHaveAccessibleDescription(expect.stringContaining(message))
}

describe('CustomHeadersField', () => {
  it('starts on when the draft has headers, and shows each rule’s message at its row', async () => {
    const many = Array.from({ length: 16 }, (_, index) => ({ name: `X-Extra-${index}`, value: 'v' }))
    const { user, onProceed } = renderWithHeaders([
      { name: 'X Bad', value: 'a' },
      { name: 'X-Env', value: 'one' },
      { name: 'x-env', value: 'two' },
      { name: 'Host', value: 'example.com' },
      { name: 'X-Multi', value: 'a\r\nb' },
      ...many.slice(0, 14),
      { name: 'X-Big', value: 'a'.repeat(1025) },
      { name: 'X-TwentyFirst', value: 'v' },
    ])
    expect(screen.getByRole('switch', { name: 'Show optional fields' })).toBeChecked()
    expect(screen.getByRole('group', { name: 'Custom Headers' })).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Proceed' }))

    expectProblem('Header name 1', 'A header name may use only letters')
    expectProblem('Header name 3', 'x-env is already used in row 2. Header names are case-insensitive.')
    expectProblem('Header name 4', 'Host is set by the HTTP stack or by this app')
    expectProblem('Header value 5', 'A header value cannot contain line breaks.')
    expectProblem('Header value 20', 'A header value can be at most 1024 bytes (this one is 1025).')
    expectProblem('Header name 21', 'At most 20 custom headers are allowed. Remove this one.')
    expect(screen.getByRole('textbox', { name: 'Header name 2' })).not.toHaveAttribute('aria-invalid')
    expect(screen.getByRole('textbox', { name: 'Header value 1' })).not.toHaveAttribute('aria-invalid')
    expect(screen.getAllByRole('alert')).toHaveLength(6)
    expect(screen.getByRole('textbox', { name: 'Header name 1' })).toHaveFocus()
    expect(onProceed).not.toHaveBeenCalled()
  })

  it('reports an empty name once the field is left', async () => {
    const { user } = renderWithHeaders([{ name: 'X-One', value: '1' }])
    await user.click(screen.getByRole('button', { name: '+ Add Custom Header' }))
    expect(screen.getByRole('textbox', { name: 'Header name 2' })).toHaveFocus()
    await user.tab()
    expectProblem('Header name 2', 'Enter a header name.')
  })

  it('adds rows with focus on the new name, and removes any row', async () => {
    const { user, onDraftChange } = renderWithHeaders([])
    const toggle = screen.getByRole('switch', { name: 'Show optional fields' })
    expect(toggle).not.toBeChecked()
    expect(screen.queryByRole('group', { name: 'Custom Headers' })).not.toBeInTheDocument()
    await user.click(toggle)

    const group = screen.getByRole('group', { name: 'Custom Headers' })
    await user.click(within(group).getByRole('button', { name: '+ Add Custom Header' }))
    expect(screen.getByRole('textbox', { name: 'Header name 1' })).toHaveFocus()
    await user.keyboard('X-First')
    await user.type(screen.getByRole('textbox', { name: 'Header value 1' }), 'one')
    await user.click(within(group).getByRole('button', { name: '+ Add Custom Header' }))
    expect(screen.getByRole('textbox', { name: 'Header name 2' })).toHaveFocus()
    await user.keyboard('X-Second')

    expect(screen.getByRole('button', { name: 'Remove header 1' })).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Remove header 1' }))
    expect(screen.queryByRole('textbox', { name: 'Header name 2' })).not.toBeInTheDocument()
    expect(screen.getByRole('textbox', { name: 'Header name 1' })).toHaveValue('X-Second')
    expect(onDraftChange).toHaveBeenLastCalledWith(expect.objectContaining({ headers: [{ name: 'X-Second', value: '' }] }))
  })

  it('keeps a pasted line break in a value to flag it, while Enter still proceeds', async () => {
    const { user, onProceed } = renderWithHeaders([{ name: 'X-Token', value: '' }])
    await user.click(screen.getByRole('textbox', { name: 'Header value 1' }))
    await user.paste('first\nsecond')
    expect(screen.getByRole('textbox', { name: 'Header value 1' })).toHaveValue('first\nsecond')
    await user.keyboard('{Enter}')
    expectProblem('Header value 1', 'A header value cannot contain line breaks.')
    expect(onProceed).not.toHaveBeenCalled()

    await user.clear(screen.getByRole('textbox', { name: 'Header value 1' }))
    await user.keyboard('one line{Enter}')
    expect(onProceed).toHaveBeenCalledWith(expect.objectContaining({ headers: [{ name: 'X-Token', value: 'one line' }] }))
  })

  it('leaves hidden headers out of the draft and out of validation', async () => {
    const { user, onDraftChange, onProceed } = renderWithHeaders([{ name: 'Bad Name', value: '' }])
    await user.click(screen.getByRole('switch', { name: 'Show optional fields' }))
    expect(onDraftChange).toHaveBeenLastCalledWith(expect.objectContaining({ headers: [] }))
    await user.click(screen.getByRole('button', { name: 'Proceed' }))
    expect(onProceed).toHaveBeenCalledWith(expect.objectContaining({ stage: 'test', headers: [] }))
  })
})
