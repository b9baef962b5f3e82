import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Automation } from '../contract/automations'
import type { SavedTrigger, TriggerConfig, TriggerDraft } from '../contract/trigger-config'
import { BackendError } from '../contract/errors'
import { bigcommerceConnector } from '../connectors/bigcommerce'
import { makeAccount, makeAutomation } from '../backend/fake-backend'
import type { TriggerBackend } from '../backend/trigger-backend'
import { renderApp } from './render-app'

const savedConfig: TriggerConfig = {
  connector: 'bigcommerce',
  trigger: 'bigcommerce',
  accountId: 'acc-1',
  event: 'store/product/created',
  headers: [{ name: 'X-Env', value: 'prod' }],
}
const saved: SavedTrigger = {
  version: 2,
  savedAt: '2026-01-03T10:00:00.000Z',
  config: savedConfig,
  webhook: {
    status: 'not_registered',
    hookId: null,
    destination: null,
    detail: 'Set PUBLIC_URL to an https address BigCommerce can reach.',
  },
  restoredFrom: null,
}

function differs(draft: TriggerDraft, current: SavedTrigger | null) {
  if (!current) return false
  const { stage: _stage, ...config } = draft
  return JSON.stringify(config) !== JSON.stringify(current.config)
}

/** A small in-memory backend, enough for the page's flow. */
function statefulBackend(initial: Automation, overrides: Partial<TriggerBackend> = {}) {
  let automation = initial
  const set = (next: Automation) => {
    automation = next
    return Promise.resolve(structuredClone(next))
  }
  const backend: Partial<TriggerBackend> = {
    getAutomation: () => Promise.resolve(structuredClone(automation)),
    listAccounts: () => Promise.resolve([makeAccount()]),
    updateTriggerDraft: vi.fn<TriggerBackend['updateTriggerDraft']>(({ draft }) =>
      set({ ...automation, trigger: { ...automation.trigger, draft, differsFromSaved: differs(draft, automation.trigger.saved) } }),
    ),
    testTrigger: () =>
      Promise.resolve({
        source: 'sample',
        testedAt: '2026-01-04T09:30:00.000Z',
        event: 'store/product/created',
        payload: bigcommerceConnector.events[2].sample,
        note: null,
      }),
    saveTrigger: () => {
      const { stage: _stage, ...config } = automation.trigger.draft
      const next: SavedTrigger = { ...saved, version: (automation.trigger.saved?.version ?? 0) + 1, config: config as TriggerConfig }
      return set({ ...automation, trigger: { ...automation.trigger, saved: next, differsFromSaved: false } })
    },
    revertTrigger: vi.fn<TriggerBackend['revertTrigger']>(() => {
      const restored = automation.trigger.saved!.config
      return set({
        ...automation,
        trigger: { ...automation.trigger, draft: { stage: 'configureTrigger', ...structuredClone(restored) }, differsFromSaved: false },
      })
    }),
    ...overrides,
  }
  return { backend, current: () => automation }
}

afterEach(() => window.history.pushState(null, '', '/'))

describe('AutomationPage', () => {
  it('walks the whole documented flow and shows the saved summary', async () => {
    const { backend, current } = statefulBackend(makeAutomation())
    await renderApp('/automations/auto-1', backend)
    const user = userEvent.setup()

    expect(await screen.findByRole('heading', { level: 1, name: 'New products to CMS' })).toBeInTheDocument()
    const nav = screen.getByRole('navigation', { name: 'Automation steps' })
    expect(within(nav).getByRole('link', { name: 'Configure Trigger' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Automations' })).toHaveAttribute('href', '/')
    expect(screen.getByRole('heading', { level: 2, name: 'Configure Trigger' })).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'BigCommerce' }))
    const chooseTab = await screen.findByRole('tab', { name: 'Choose Trigger' })
    expect(chooseTab).toHaveAttribute('aria-selected', 'true')
    expect(chooseTab).toHaveFocus()
    expect(screen.getByRole('tabpanel', { name: 'Choose Trigger' })).toBeInTheDocument()

    await user.click(within(screen.getByRole('tabpanel', { name: 'Choose Trigger' })).getByRole('button', { name: 'BigCommerce' }))
    expect(await screen.findByRole('tabpanel', { name: 'Configure Trigger' })).toBeInTheDocument()
    expect(screen.getByRole('tab', { name: 'Configure Trigger' })).toHaveAttribute('aria-selected', 'true')

    await screen.findByRole('option', { name: 'Plant Shop (abc123) · ••••k2f9' })
    await user.selectOptions(screen.getByRole('combobox', { name: 'Account' }), 'Plant Shop (abc123) · ••••k2f9')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Select an Event' }), 'Product Created')
    await waitFor(() => expect(current().trigger.draft.event).toBe('store/product/created'))

    await user.click(screen.getByRole('button', { name: 'Proceed' }))
    expect(await screen.findByRole('heading', { level: 2, name: 'Test Trigger' })).toHaveFocus()
    expect(current().trigger.draft.stage).toBe('test')

    await user.click(screen.getByRole('button', { name: 'Test Trigger' }))
    const output = await screen.findByRole('region', { name: 'Output' })
    expect(output).toHaveTextContent('Documented sample')
    expect(await within(output).findByText(/"scope": "store\/product\/created"/)).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Save and Exit' }))
    const heading = await screen.findByRole('heading', { level: 2, name: 'Trigger' })
    expect(heading).toHaveFocus()
    expect(screen.getByText('Not registered')).toBeInTheDocument()
    expect(screen.getByText('Set PUBLIC_URL to an https address BigCommerce can reach.')).toBeInTheDocument()
    expect(screen.getByText(/Plant Shop \(abc123\)/)).toHaveTextContent('••••••••k2f9')
    expect(screen.getByRole('button', { name: 'Configure Trigger' })).toBeInTheDocument()
  })

  it('moves between tabs with the arrow keys', async () => {
    const { backend } = statefulBackend(
      makeAutomation({
        trigger: {
          draft: { stage: 'chooseTrigger', connector: 'bigcommerce', trigger: 'bigcommerce', accountId: null, event: null, headers: [] },
        },
      }),
    )
    await renderApp('/automations/auto-1', backend)
    const user = userEvent.setup()
    const chooseTab = await screen.findByRole('tab', { name: 'Choose Trigger' })
    chooseTab.focus()
    await user.keyboard('{ArrowRight}')
    const configureTab = screen.getByRole('tab', { name: 'Configure Trigger' })
    expect(configureTab).toHaveFocus()
    expect(configureTab).toHaveAttribute('aria-selected', 'true')
    expect(screen.getByRole('combobox', { name: 'Select an Event' })).toBeInTheDocument()
    await user.keyboard('{ArrowLeft}')
    expect(screen.getByRole('tab', { name: 'Choose Trigger' })).toHaveAttribute('aria-selected', 'true')
  })

  it('offers Revert Changes on a re-configured trigger and shows the restored values exactly', async () => {
    const changed: TriggerDraft = { stage: 'configureTrigger', ...savedConfig, event: 'store/order/created', headers: [] }
    const { backend } = statefulBackend(makeAutomation({ trigger: { draft: changed, saved, differsFromSaved: true } }))
    await renderApp('/automations/auto-1', backend)
    const user = userEvent.setup()

    const prompt = await screen.findByText('This trigger differs from the saved configuration.')
    expect(prompt).toHaveRole('status')
    expect(screen.getByRole('combobox', { name: 'Select an Event' })).toHaveValue('store/order/created')
    expect(screen.getByRole('switch', { name: 'Show optional fields' })).not.toBeChecked()

    // First what reverting undoes, field by field; Keep editing changes nothing.
    await user.click(screen.getByRole('button', { name: 'Revert Changes' }))
    let confirm = screen.getByRole('dialog', { name: 'Revert Changes?' })
    const changes = within(confirm).getByRole('table', { name: 'From the draft back to saved version 2' })
    expect(
      within(changes)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual(['FieldDraftSaved version 2Change', 'EventOrder CreatedProduct CreatedChanged', 'Header X-EnvNot setprodAdded'])
    expect(within(confirm).getByRole('button', { name: 'Keep editing' })).toHaveFocus()
    await user.click(within(confirm).getByRole('button', { name: 'Keep editing' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(backend.revertTrigger).not.toHaveBeenCalled()

    await user.click(screen.getByRole('button', { name: 'Revert Changes' }))
    confirm = screen.getByRole('dialog', { name: 'Revert Changes?' })
    await user.click(within(confirm).getByRole('button', { name: 'Revert' }))
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Select an Event' })).toHaveValue('store/product/created'))
    expect(backend.revertTrigger).toHaveBeenCalledOnce()
    expect(screen.queryByText('This trigger differs from the saved configuration.')).not.toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: 'Account' })).toHaveValue('acc-1')
    expect(screen.getByRole('switch', { name: 'Show optional fields' })).toBeChecked()
    expect(screen.getByRole('textbox', { name: 'Header name 1' })).toHaveValue('X-Env')
    expect(screen.getByRole('textbox', { name: 'Header value 1' })).toHaveValue('prod')
  })

  it('shows the saved summary first, and re-configures from it', async () => {
    const { backend } = statefulBackend(makeAutomation({ trigger: { draft: { stage: 'test', ...savedConfig }, saved } }))
    await renderApp('/automations/auto-1', backend)
    const user = userEvent.setup()
    expect(await screen.findByRole('heading', { level: 2, name: 'Trigger' })).toBeInTheDocument()
    expect(screen.getByText('X-Env').closest('li')).toHaveTextContent('X-Env: prod')
    expect(screen.getByText(/Version 2/)).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Configure Trigger' }))
    expect(await screen.findByRole('tab', { name: 'Configure Trigger' })).toHaveAttribute('aria-selected', 'true')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Select an Event' }), 'Order Created')
    expect(await screen.findByText('This trigger differs from the saved configuration.')).toBeInTheDocument()
  })

  it.each([
    ['the summary button', () => screen.getByRole('button', { name: 'Configure Trigger' })],
    [
      'the step link',
      () => within(screen.getByRole('navigation', { name: 'Automation steps' })).getByRole('link', { name: 'Configure Trigger' }),
    ],
  ])(
    'goes from the summary straight to Configure Trigger by %s, even when the stored draft was left at the test step',
    async (_way, control) => {
      const { backend } = statefulBackend(makeAutomation({ trigger: { draft: { stage: 'test', ...savedConfig }, saved } }))
      await renderApp('/automations/auto-1', backend)
      const user = userEvent.setup()
      await screen.findByRole('heading', { level: 2, name: 'Trigger' })

      // Every DOM change is checked, so even one frame of the stored stage would be caught.
      let showedTestStep = false
      const observer = new MutationObserver(() => {
        showedTestStep ||= screen.queryByRole('heading', { level: 2, name: 'Test Trigger' }) !== null
      })
      observer.observe(document.body, { childList: true, subtree: true, characterData: true })
      await user.click(control())
      const configureTab = await screen.findByRole('tab', { name: 'Configure Trigger' })
      await waitFor(() => expect(backend.updateTriggerDraft).toHaveBeenCalled())
      observer.disconnect()

      expect(showedTestStep).toBe(false)
      expect(configureTab).toHaveAttribute('aria-selected', 'true')
      expect(configureTab).toHaveFocus()
    },
  )

  it('asks before leaving an unsaved draft', async () => {
    const draft: TriggerDraft = {
      stage: 'configureTrigger',
      connector: 'bigcommerce',
      trigger: 'bigcommerce',
      accountId: null,
      event: null,
      headers: [],
    }
    const { backend } = statefulBackend(makeAutomation({ trigger: { draft } }))
    await renderApp('/automations/auto-1', backend)
    const user = userEvent.setup()

    await screen.findByRole('heading', { level: 1, name: 'New products to CMS' })
    await user.click(screen.getByRole('link', { name: 'Automations' }))
    const dialog = screen.getByRole('dialog', { name: 'Leave without saving?' })
    expect(within(dialog).getByRole('button', { name: 'Stay' })).toHaveFocus()
    await user.click(within(dialog).getByRole('button', { name: 'Stay' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(window.location.pathname).toBe('/automations/auto-1')

    await user.click(screen.getByRole('link', { name: 'Automations' }))
    await user.click(within(screen.getByRole('dialog', { name: 'Leave without saving?' })).getByRole('button', { name: 'Leave' }))
    expect(window.location.pathname).toBe('/')
  })

  it('asks before Back leaves unsaved changes; Stay keeps them, Leave goes where Back went', async () => {
    const draft: TriggerDraft = { stage: 'configureTrigger', ...savedConfig }
    const { backend, current } = statefulBackend(makeAutomation({ trigger: { draft, saved } }))
    await renderApp('/automations/auto-1', { ...backend, listAutomations: () => Promise.resolve([current()]) })
    const user = userEvent.setup()
    const heading = () => screen.getByRole('heading', { level: 1, name: 'New products to CMS' })
    await user.click(await screen.findByRole('button', { name: 'Configure Trigger' }))
    await user.selectOptions(screen.getByRole('combobox', { name: 'Select an Event' }), 'Order Created')

    window.history.back()
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' })
    // The move is undone while the user decides, so the address matches the page they see.
    await waitFor(() => expect(window.location.pathname).toBe('/automations/auto-1'))
    await user.click(within(dialog).getByRole('button', { name: 'Stay' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(heading()).toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: 'Select an Event' })).toHaveValue('store/order/created')

    window.history.back()
    await user.click(within(await screen.findByRole('dialog', { name: 'Leave without saving?' })).getByRole('button', { name: 'Leave' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Automations' })).toBeInTheDocument()
    expect(window.location.pathname).toBe('/')
    expect(current().trigger.draft.event).toBe('store/order/created')
  })

  it('asks before Forward leaves a never-saved draft, and Leave goes forward', async () => {
    const draft: TriggerDraft = {
      stage: 'configureTrigger',
      connector: 'bigcommerce',
      trigger: 'bigcommerce',
      accountId: null,
      event: null,
      headers: [],
    }
    const { backend, current } = statefulBackend(makeAutomation({ trigger: { draft } }))
    await renderApp('/automations/auto-1', { ...backend, listAutomations: () => Promise.resolve([current()]) })
    const user = userEvent.setup()
    const leaveDialog = () => screen.findByRole('dialog', { name: 'Leave without saving?' })
    await screen.findByRole('heading', { level: 1, name: 'New products to CMS' })
    await user.click(screen.getByRole('link', { name: 'Automations' }))
    await user.click(within(await leaveDialog()).getByRole('button', { name: 'Leave' }))
    await screen.findByRole('heading', { level: 1, name: 'Automations' })
    window.history.back()
    await screen.findByRole('heading', { level: 1, name: 'New products to CMS' })

    window.history.forward()
    await user.click(within(await leaveDialog()).getByRole('button', { name: 'Stay' }))
    await waitFor(() => expect(window.location.pathname).toBe('/automations/auto-1'))
    expect(screen.getByRole('heading', { level: 1, name: 'New products to CMS' })).toBeInTheDocument()

    window.history.forward()
    await user.click(within(await leaveDialog()).getByRole('button', { name: 'Leave' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Automations' })).toBeInTheDocument()
    expect(window.location.pathname).toBe('/')
  })

  it('keeps the test step and says why when a test or a save fails', async () => {
    const { backend } = statefulBackend(makeAutomation({ trigger: { draft: { stage: 'test', ...savedConfig } } }), {
      testTrigger: vi.fn<TriggerBackend['testTrigger']>(() =>
        Promise.reject(new BackendError('missing_scope', 'The token lacks Products: read-only.')),
      ),
      saveTrigger: () => Promise.reject(new BackendError('upstream_error', 'BigCommerce could not be reached.')),
    })
    await renderApp('/automations/auto-1', backend)
    const user = userEvent.setup()
    await user.click(await screen.findByRole('button', { name: 'Test Trigger' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('The token lacks Products: read-only.')
    await user.click(screen.getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(backend.testTrigger).toHaveBeenCalledTimes(2))

    await user.click(screen.getByRole('button', { name: 'Save and Exit' }))
    expect(await screen.findByText(/BigCommerce could not be reached/)).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 2, name: 'Test Trigger' })).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Back' }))
    expect(await screen.findByRole('combobox', { name: 'Select an Event' })).toHaveValue('store/product/created')
  })

  it('asks the browser to confirm leaving while the trigger differs from the saved one, and not once reverted', async () => {
    const changed: TriggerDraft = { stage: 'configureTrigger', ...savedConfig, event: 'store/order/created' }
    const { backend } = statefulBackend(makeAutomation({ trigger: { draft: changed, saved, differsFromSaved: true } }))
    await renderApp('/automations/auto-1', backend)
    const user = userEvent.setup()
    await screen.findByText('This trigger differs from the saved configuration.')
    const leaving = () => {
      const event = new Event('beforeunload', { cancelable: true })
      window.dispatchEvent(event)
      return event
    }
    // Nothing is waiting to be written: the stored draft itself is what is not in effect.
    expect(leaving().defaultPrevented).toBe(true)

    await user.click(screen.getByRole('button', { name: 'Revert Changes' }))
    await user.click(within(screen.getByRole('dialog', { name: 'Revert Changes?' })).getByRole('button', { name: 'Revert' }))
    await waitFor(() => expect(screen.queryByText('This trigger differs from the saved configuration.')).not.toBeInTheDocument())
    expect(leaving().defaultPrevented).toBe(false)
  })
})

describe('Deleting an automation', () => {
  const confirmDialog = () => screen.getByRole('dialog', { name: 'Delete this automation?' })

  it('asks first, then deletes it and goes back to the Automations list, which no longer shows it', async () => {
    let automations = [makeAutomation(), makeAutomation({ id: 'auto-2', name: 'Orders to Slack' })]
    const deleteAutomation = vi.fn<TriggerBackend['deleteAutomation']>(({ automationId }) => {
      automations = automations.filter((automation) => automation.id !== automationId)
      return Promise.resolve()
    })
    await renderApp('/automations/auto-1', {
      listAutomations: () => Promise.resolve(structuredClone(automations)),
      getAutomation: ({ automationId }) => {
        const found = automations.find((automation) => automation.id === automationId)
        return found
          ? Promise.resolve(structuredClone(found))
          : Promise.reject(new BackendError('not_found', 'This automation no longer exists.'))
      },
      deleteAutomation,
    })
    const user = userEvent.setup()
    await screen.findByRole('heading', { level: 1, name: 'New products to CMS' })

    const deleteButton = screen.getByRole('button', { name: 'Delete automation' })
    await user.click(deleteButton)
    expect(confirmDialog()).toHaveTextContent('BigCommerce webhook')
    expect(within(confirmDialog()).getByRole('button', { name: 'Cancel' })).toHaveFocus()
    await user.click(within(confirmDialog()).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(deleteButton).toHaveFocus()
    expect(deleteAutomation).not.toHaveBeenCalled()

    await user.click(deleteButton)
    await user.click(within(confirmDialog()).getByRole('button', { name: 'Delete' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Automations' })).toBeInTheDocument()
    expect(window.location.pathname).toBe('/')
    expect(deleteAutomation).toHaveBeenCalledExactlyOnceWith({ automationId: 'auto-1' })
    const list = await screen.findByRole('list', { name: 'Automations' })
    expect(within(list).getByRole('link', { name: 'Orders to Slack' })).toBeInTheDocument()
    expect(within(list).queryByRole('link', { name: 'New products to CMS' })).not.toBeInTheDocument()
  })

  it('keeps the automation, and the last edit, and says why in the dialog when the delete fails', async () => {
    const draft: TriggerDraft = {
      stage: 'configureTrigger',
      connector: 'bigcommerce',
      trigger: 'bigcommerce',
      accountId: 'acc-1',
      event: null,
      headers: [],
    }
    const deleteAutomation = vi.fn<TriggerBackend['deleteAutomation']>(() =>
      Promise.reject(new BackendError('upstream_error', 'BigCommerce could not be reached, so its webhook was not deleted.')),
    )
    const { backend, current } = statefulBackend(makeAutomation({ trigger: { draft } }), { deleteAutomation })
    await renderApp('/automations/auto-1', backend)
    const user = userEvent.setup()
    await screen.findByRole('heading', { level: 1, name: 'New products to CMS' })

    // Deleting right after an edit, before the draft writer's pause is over.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Select an Event' }), 'Order Created')
    await user.click(screen.getByRole('button', { name: 'Delete automation' }))
    await user.click(within(confirmDialog()).getByRole('button', { name: 'Delete' }))
    expect(await within(confirmDialog()).findByRole('alert')).toHaveTextContent(
      'The automation was not deleted: BigCommerce could not be reached, so its webhook was not deleted.',
    )
    expect(window.location.pathname).toBe('/automations/auto-1')
    expect(current().trigger.draft.event).toBe('store/order/created')
    expect(backend.updateTriggerDraft).toHaveBeenCalledBefore(deleteAutomation)

    await user.click(within(confirmDialog()).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 1, name: 'New products to CMS' })).toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: 'Select an Event' })).toHaveValue('store/order/created')
  })
})
