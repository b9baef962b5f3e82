import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { TriggerDraft } from '../contract/api'
import { makeAccount, makeAutomation } from '../backend/fake-backend'
import { renderWithBackend } from '../backend/render-with-backend'
import { TestTriggerStep } from './test-trigger-step'

const draft: TriggerDraft = {
  stage: 'test',
  connector: 'bigcommerce',
  trigger: 'bigcommerce',
  accountId: 'acc-1',
  event: 'store/product/created',
  headers: [],
}
const help = 'Set PUBLIC_URL to an https address that BigCommerce can reach and restart.'

/**
 * The accounts are answered only after the info, so once the summary names the account the step
 * has had its answer about webhooks too: a test can wait for what the user sees, then check what
 * is not there.
 */
function renderStep(publicUrl: string | null) {
  const info = Promise.resolve({ publicUrl, webhookHelp: publicUrl ? null : help })
  return renderWithBackend(<TestTriggerStep automation={makeAutomation({ trigger: { draft } })} onBack={() => {}} onSaved={() => {}} />, {
    getInfo: () => info,
    listAccounts: async () => {
      await info
      return [makeAccount()]
    },
  })
}

describe('TestTriggerStep', () => {
  it('says what to set before saving when the server has no public URL', async () => {
    renderStep(null)
    const notice = await screen.findByText(/BigCommerce will not send events to this trigger yet/)
    expect(notice).toHaveTextContent(help)
    expect(screen.getByRole('button', { name: 'Save and Exit' })).toHaveAccessibleDescription(expect.stringContaining(help))
  })

  it('says nothing about webhooks when they can be registered', async () => {
    renderStep('https://automations.example.com')
    expect(await screen.findByText(/Plant Shop \(abc123\)/)).toBeInTheDocument()
    expect(screen.queryByText(/BigCommerce will not send events/)).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Save and Exit' })).not.toHaveAccessibleDescription()
  })
})
