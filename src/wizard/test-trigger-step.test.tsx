import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { TriggerDraft } from '../contract/api'
import { makeAccount, makeAutomation } from '../backend/fake-backend'
import { renderWithBackend } from '../backend/render-with-backend'
import { triggerKeys } from '../backend/trigger-queries'
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

function renderStep(publicUrl: string | null) {
  return renderWithBackend(<TestTriggerStep automation={makeAutomation({ trigger: { draft } })} onBack={() => {}} onSaved={() => {}} />, {
    listAccounts: () => Promise.resolve([makeAccount()]),
    getInfo: () => Promise.resolve({ publicUrl, webhookHelp: publicUrl ? null : help }),
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
    const { queryClient } = renderStep('https://automations.example.com')
    await waitFor(() => expect(queryClient.getQueryState(triggerKeys.info())?.status).toBe('success'))
    expect(screen.queryByText(/BigCommerce will not send events/)).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Save and Exit' })).not.toHaveAccessibleDescription()
  })
})
