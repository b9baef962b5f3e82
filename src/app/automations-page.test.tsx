import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BackendError } from '../contract/errors'
import { makeAutomation } from '../backend/fake-backend'
import type { TriggerBackend } from '../backend/trigger-backend'
import { renderApp } from './render-app'

const savedAutomation = makeAutomation({
  id: 'auto-2',
  name: 'Orders to Slack',
  trigger: {
    saved: {
      version: 1,
      savedAt: '2026-01-03T10:00:00.000Z',
      config: { connector: 'bigcommerce', trigger: 'bigcommerce', accountId: 'acc-1', event: 'store/product/created', headers: [] },
      webhook: { status: 'registered', hookId: 7, destination: 'https://hooks.example/hooks/bigcommerce/trg-2', detail: null },
      restoredFrom: null,
    },
  },
})

afterEach(() => window.history.pushState(null, '', '/'))

describe('AutomationsPage', () => {
  it('lists automations as links with their trigger status', async () => {
    await renderApp('/', { listAutomations: () => Promise.resolve([makeAutomation(), savedAutomation]) })
    expect(screen.getByRole('heading', { level: 1, name: 'Automations' })).toBeInTheDocument()
    const list = await screen.findByRole('list', { name: 'Automations' })
    const items = within(list).getAllByRole('listitem')
    expect(within(items[0]!).getByRole('link', { name: 'New products to CMS' })).toHaveAttribute('href', '/automations/auto-1')
    expect(items[0]).toHaveTextContent('No trigger yet')
    expect(within(items[1]!).getByRole('link', { name: 'Orders to Slack' })).toBeInTheDocument()
    expect(items[1]).toHaveTextContent('BigCommerce · Product Created')
  })

  it('marks a trigger that needs attention, saying why to a screen reader too', async () => {
    const deactivated = makeAutomation({
      id: 'auto-3',
      name: 'Silent hook',
      trigger: {
        ...savedAutomation.trigger,
        health: {
          status: 'deactivated',
          hookId: 7,
          blockedDomain: null,
          lastCheckedAt: '2026-01-04T10:00:00.000Z',
          lastDeliveryAt: null,
          deliveriesLast24h: 0,
          actions: [],
          problem: null,
          needsAttention: true,
        },
      },
    })
    await renderApp('/', { listAutomations: () => Promise.resolve([savedAutomation, deactivated]) })
    const items = within(await screen.findByRole('list', { name: 'Automations' })).getAllByRole('listitem')
    expect(items[0]).not.toHaveTextContent('Needs attention')
    expect(within(items[1]!).getByText('Needs attention', { exact: false })).toHaveTextContent(
      'Needs attention: BigCommerce deactivated its webhook',
    )
  })

  it('creates an automation and opens it', async () => {
    const created = makeAutomation({ id: 'auto-9', name: 'Fresh one' })
    const createAutomation = vi.fn<TriggerBackend['createAutomation']>(() => Promise.resolve(created))
    await renderApp('/', { listAutomations: () => Promise.resolve([]), createAutomation })
    const user = userEvent.setup()
    expect(await screen.findByText('No automations yet. Create one below.')).toBeInTheDocument()
    await user.type(screen.getByRole('textbox', { name: 'Automation name' }), 'Fresh one')
    await user.click(screen.getByRole('button', { name: 'Create automation' }))
    expect(createAutomation).toHaveBeenCalledWith({ name: 'Fresh one' })
    await vi.waitFor(() => expect(window.location.pathname).toBe('/automations/auto-9'))
  })

  it('says what is wrong with the name, or with the backend, and keeps what was typed', async () => {
    await renderApp('/', {
      listAutomations: () => Promise.resolve([]),
      createAutomation: () => Promise.reject(new BackendError('internal', 'The database is unavailable.')),
    })
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Create automation' }))
    const input = screen.getByRole('textbox', { name: 'Automation name' })
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a name.')
    expect(input).toHaveAttribute('aria-invalid', 'true')
    expect(input).toHaveFocus()

    await user.type(input, 'Keep me')
    await user.click(screen.getByRole('button', { name: 'Create automation' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('The database is unavailable.')
    expect(input).toHaveValue('Keep me')
  })

  it('refuses a name with a control character at the field, before sending it', async () => {
    const createAutomation = vi.fn<TriggerBackend['createAutomation']>()
    await renderApp('/', { listAutomations: () => Promise.resolve([]), createAutomation })
    const user = userEvent.setup()
    const input = await screen.findByRole('textbox', { name: 'Automation name' })
    await user.click(input)
    await user.paste('escape\u001b[31m')
    await user.click(screen.getByRole('button', { name: 'Create automation' }))
    expect(screen.getByRole('alert')).toHaveTextContent('A name cannot hold control characters, such as a tab or a line break.')
    expect(input).toHaveAttribute('aria-invalid', 'true')
    expect(input).toHaveValue('escape\u001b[31m')
    expect(createAutomation).not.toHaveBeenCalled()
  })
})
