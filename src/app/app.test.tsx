import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import type { Automation } from '../contract/automations'
import { makeAutomation } from '../backend/fake-backend'
import { renderApp } from './render-app'

afterEach(() => window.history.pushState(null, '', '/'))

describe('App', () => {
  it('starts keyboard and screen reader users on the new page heading after each move, but not on a fresh load', async () => {
    const created = makeAutomation({ id: 'auto-9', name: 'Fresh one' })
    let automations: Automation[] = []
    await renderApp('/', {
      listAutomations: () => Promise.resolve(structuredClone(automations)),
      createAutomation: () => {
        automations = [created]
        return Promise.resolve(structuredClone(created))
      },
      getAutomation: () => Promise.resolve(structuredClone(created)),
    })
    const user = userEvent.setup()
    expect(await screen.findByText('No automations yet. Create one below.')).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 1, name: 'Automations' })).not.toHaveFocus()

    await user.type(screen.getByRole('textbox', { name: 'Automation name' }), 'Fresh one')
    await user.click(screen.getByRole('button', { name: 'Create automation' }))
    const automationHeading = await screen.findByRole('heading', { level: 1, name: 'Fresh one' })
    await waitFor(() => expect(automationHeading).toHaveFocus())

    await user.click(screen.getByRole('link', { name: 'Automations' }))
    const listHeading = await screen.findByRole('heading', { level: 1, name: 'Automations' })
    await waitFor(() => expect(listHeading).toHaveFocus())

    await user.click(await screen.findByRole('link', { name: 'Fresh one' }))
    const reopenedHeading = await screen.findByRole('heading', { level: 1, name: 'Fresh one' })
    await waitFor(() => expect(reopenedHeading).toHaveFocus())
  })
})
