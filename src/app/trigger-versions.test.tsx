import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SavedTrigger, TriggerDraft } from '../contract/trigger-config'
import type { TriggerDiff } from '../contract/versions'
import { makeAccount, makeAutomation } from '../backend/fake-backend'
import type { TriggerBackend } from '../backend/trigger-backend'
import { renderApp } from './render-app'

afterEach(() => window.history.pushState(null, '', '/'))

function version(number: number): SavedTrigger {
  return {
    version: number,
    // Mid-month at noon: the same date in every time zone.
    savedAt: new Date(Date.UTC(2026, 0, 15, 12, number)).toISOString(),
    config: {
      connector: 'bigcommerce',
      trigger: 'bigcommerce',
      accountId: 'acc-1',
      event: number === 1 ? 'store/order/created' : 'store/product/created',
      headers: number === 1 ? [] : [{ name: 'X-Api-Key', value: `key-${number}` }],
    },
    webhook: { status: 'registered', hookId: null, destination: 'https://hooks.example/hooks/bigcommerce/trg-1', detail: null },
    restoredFrom: number === 5 ? 1 : null,
  }
}

const newest = version(22)
const automation = makeAutomation({ trigger: { draft: { stage: 'test', ...newest.config }, saved: newest } })

const keyChanged: TriggerDiff = {
  account: null,
  event: null,
  headers: [{ change: 'changed', name: 'X-Api-Key', previousName: null, from: '••••', to: '••••', valueChanged: true, secret: true }],
}
const backToOne: TriggerDiff = {
  account: null,
  event: { from: 'store/product/created', to: 'store/order/created' },
  headers: [{ change: 'removed', name: 'X-Api-Key', previousName: null, from: '••••', to: null, valueChanged: true, secret: true }],
}

function backend() {
  const restoredDraft: TriggerDraft = { stage: 'configureTrigger', ...version(1).config }
  return {
    getAutomation: () => Promise.resolve(automation),
    listAccounts: () => Promise.resolve([makeAccount()]),
    listTriggerDeliveries: () => Promise.resolve({ deliveries: [], nextCursor: null }),
    listTriggerVersions: vi.fn<TriggerBackend['listTriggerVersions']>(({ before }) =>
      Promise.resolve(
        before === undefined
          ? { versions: Array.from({ length: 20 }, (_, index) => version(22 - index)), nextBefore: 3 }
          : { versions: [version(2), version(1)], nextBefore: null },
      ),
    ),
    diffTriggerVersions: vi.fn<TriggerBackend['diffTriggerVersions']>(({ from, to }) =>
      Promise.resolve({ from, to, diff: from === 21 ? keyChanged : backToOne }),
    ),
    restoreTriggerVersion: vi.fn<TriggerBackend['restoreTriggerVersion']>(() =>
      Promise.resolve({
        ...automation,
        trigger: { ...automation.trigger, draft: restoredDraft, differsFromSaved: true, draftRestoredFrom: 1 },
      }),
    ),
  } satisfies Partial<TriggerBackend>
}

const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .map((row) => row.textContent)

describe('the trigger’s versions', () => {
  it('lists every version newest first, a page at a time, and compares the last two unless told otherwise', async () => {
    const fake = backend()
    await renderApp('/automations/auto-1/trigger?section=versions', fake)
    const user = userEvent.setup()

    const list = await screen.findByRole('list', { name: 'Versions' })
    let items = within(list).getAllByRole('listitem')
    expect(items).toHaveLength(20)
    expect(items[0]).toHaveTextContent(/^Version 22 · saved .+Product Created · 1 custom headerIn effect$/)
    expect(within(items[0]!).queryByRole('button')).not.toBeInTheDocument()
    expect(within(items[0]!).getByText(/Jan/, { selector: 'time' })).toHaveAttribute('dateTime', newest.savedAt)
    expect(items[17]).toHaveTextContent(/^Version 5 · saved .+ · restored from version 1Product Created · 1 custom headerRestore$/)

    await user.click(screen.getByRole('button', { name: 'Load older versions' }))
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(22))
    items = within(list).getAllByRole('listitem')
    expect(items[21]).toHaveTextContent(/^Version 1 · saved .+Order Created · no custom headersRestore$/)
    expect(fake.listTriggerVersions).toHaveBeenLastCalledWith({ automationId: 'auto-1', before: 3 }, expect.anything())
    expect(screen.queryByRole('button', { name: 'Load older versions' })).not.toBeInTheDocument()

    const compare = screen.getByRole('region', { name: 'Compare versions' })
    expect(rowsOf(await within(compare).findByRole('table', { name: 'Changes from version 21 to version 22' }))).toEqual([
      'FieldVersion 21Version 22Change',
      'Header X-Api-Key••••Hidden••••HiddenValue changed',
    ])
    expect(compare).toHaveTextContent('•••• hides the values of headers whose names contain auth, token, secret, key, password')

    await user.selectOptions(within(compare).getByRole('combobox', { name: 'Compare version' }), '1')
    expect(await within(compare).findByRole('table', { name: 'Changes from version 1 to version 22' })).toBeInTheDocument()
    expect(new URLSearchParams(window.location.search).get('from')).toBe('1')
  })

  it('compares the two versions the address names', async () => {
    const fake = backend()
    await renderApp('/automations/auto-1/trigger?from=1&to=22', fake)
    const compare = await screen.findByRole('region', { name: 'Compare versions' })
    expect(rowsOf(await within(compare).findByRole('table', { name: 'Changes from version 1 to version 22' }))).toEqual([
      'FieldVersion 1Version 22Change',
      'EventProduct CreatedOrder CreatedChanged',
      'Header X-Api-Key••••HiddenNot setRemoved',
    ])
    expect(within(compare).getByRole('combobox', { name: 'Compare version' })).toHaveValue('1')
    expect(within(compare).getByRole('combobox', { name: 'With version' })).toHaveValue('22')
    expect(fake.diffTriggerVersions).toHaveBeenCalledWith({ automationId: 'auto-1', from: 1, to: 22 }, expect.anything())
  })

  it('restores a version after showing what saving it would change, and opens it at Configure Trigger', async () => {
    const fake = backend()
    await renderApp('/automations/auto-1/trigger?section=versions', fake)
    const user = userEvent.setup()
    await user.click(await screen.findByRole('button', { name: 'Restore version 21' }))
    expect(window.location.search).toBe('?section=versions&restore=21')
    await user.click(within(screen.getByRole('dialog', { name: 'Restore version 21?' })).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(fake.restoreTriggerVersion).not.toHaveBeenCalled()

    await user.click(screen.getByRole('button', { name: 'Load older versions' }))
    await user.click(await screen.findByRole('button', { name: 'Restore version 1' }))
    const dialog = screen.getByRole('dialog', { name: 'Restore version 1?' })
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus()
    expect(rowsOf(await within(dialog).findByRole('table', { name: 'What saving it changes, from version 22 (in effect)' }))).toEqual([
      'FieldVersion 22Version 1Change',
      'EventProduct CreatedOrder CreatedChanged',
      'Header X-Api-Key••••HiddenNot setRemoved',
    ])
    await user.click(within(dialog).getByRole('button', { name: 'Restore' }))

    expect(fake.restoreTriggerVersion).toHaveBeenCalledWith({ automationId: 'auto-1', version: 1 })
    expect(await screen.findByRole('combobox', { name: 'Select an Event' })).toHaveValue('store/order/created')
    expect(window.location.pathname).toBe('/automations/auto-1')
    expect(window.location.search).toBe('?tab=configure')
    expect(screen.getByText(/It was restored from version 1: save it to put it in effect\./)).toBeInTheDocument()
  })
})
