import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SavedTrigger, TriggerConfig } from '../contract/trigger-config'
import { makeAutomation } from '../backend/fake-backend'
import { renderApp } from './render-app'

function makeSavedTrigger(config: Partial<TriggerConfig>): SavedTrigger {
  return {
    version: 1,
    savedAt: '2026-01-03T10:00:00.000Z',
    config: {
      connector: 'bigcommerce',
      trigger: 'bigcommerce',
      accountId: 'acc-1',
      event: 'store/product/created',
      headers: [],
      ...config,
    },
    webhook: { status: 'not_registered', hookId: null, destination: null, detail: null },
    restoredFrom: null,
  }
}

afterEach(() => {
  window.history.pushState(null, '', '/')
  vi.restoreAllMocks()
})

describe('ErrorPage', () => {
  it('shows what failed and a way back to the Automations list when a page throws while rendering', async () => {
    // React and the router report the caught error on the console; expected here, not a failure.
    vi.spyOn(console, 'error').mockImplementation(() => {})
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    // An event this UI does not know (from a newer server, say) breaks the trigger's summary.
    const saved = makeSavedTrigger({ event: 'store/unknown/created' as never })
    await renderApp('/automations/auto-1', {
      getAutomation: () => Promise.resolve(makeAutomation({ trigger: { saved, draft: { stage: 'test', ...saved.config } } })),
      listAutomations: () => Promise.resolve([makeAutomation()]),
    })

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('This page could not be shown: Unknown BigCommerce event store/unknown/created')
    const back = screen.getByRole('link', { name: 'Back to Automations' })
    expect(back).toHaveAttribute('href', '/')

    await userEvent.setup().click(back)
    expect(await screen.findByRole('heading', { level: 1, name: 'Automations' })).toBeInTheDocument()
    expect(
      within(await screen.findByRole('list', { name: 'Automations' })).getByRole('link', { name: 'New products to CMS' }),
    ).toBeInTheDocument()
  })
})
