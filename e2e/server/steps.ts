import type { APIRequestContext, APIResponse, Locator, Page } from '@playwright/test'
import type { Automation } from '../../src/contract/automations'
import type { CustomHeader } from '../../src/contract/custom-headers'
import type { EventScope } from '../../src/contract/events'
import { saveAndExit, setUpTrigger, testOutput, testTriggerButton, type AuthorizeInput, type EventLabel } from '../demo/wizard-steps'
import { expect } from './fixtures'
import { DEMO_STORE_HASH, DEMO_TOKEN } from './simulator-api'

/**
 * What the server's stories need on top of the wizard steps shared with the demo's tests
 * (`e2e/demo/wizard-steps.ts`): ids, the API's view of an automation, and the test output.
 */

/** The id of the automation whose page is open. */
export function automationIdOf(page: Page): string {
  const match = /^\/automations\/([^/]+)\/?$/.exec(new URL(page.url()).pathname)
  if (!match?.[1]) throw new Error(`Not on an automation page: ${page.url()}`)
  return decodeURIComponent(match[1])
}

/** The automation as the server's API has it (what the page loads). */
export async function fetchAutomation(request: APIRequestContext, automationId: string): Promise<Automation> {
  const response = await request.get(`/api/automations/${encodeURIComponent(automationId)}`)
  expect(response.status(), await response.text()).toBe(200)
  return (await response.json()) as Automation
}

/** The whole first-time flow up to a trigger saved and registered with the demo store; returns the automation id. */
export async function saveNewTrigger(
  page: Page,
  options: { name: string; event: EventLabel; headers?: CustomHeader[]; credentials?: AuthorizeInput },
): Promise<string> {
  await setUpTrigger(page, options)
  await saveAndExit(page)
  await expect(savedSummary(page)).toContainText('Registered with BigCommerce')
  return automationIdOf(page)
}

/** The saved trigger's summary: the panel headed "Trigger". */
export function savedSummary(page: Page): Locator {
  return page.getByRole('region', { name: 'Trigger', exact: true })
}

/**
 * Presses Test Trigger and waits until the output shows a new result (its "Tested" time
 * changes), so a second test in the same view is not mistaken for the first.
 */
export async function testTrigger(page: Page): Promise<Locator> {
  const output = testOutput(page)
  const testedAt = output.locator('time').first()
  const before = (await testedAt.count()) > 0 ? await testedAt.getAttribute('datetime') : null
  await testTriggerButton(page).click()
  await expect(testedAt).toHaveAttribute('datetime', /./)
  await expect(testedAt).not.toHaveAttribute('datetime', before ?? '')
  return output
}

/** The body of an answer that must be a success (its text is the message when it is not). */
export async function json<T>(response: APIResponse): Promise<T> {
  expect(response.ok(), await response.text()).toBe(true)
  return (await response.json()) as T
}

/** An automation with a complete draft for `event`, through the API as the UI would. */
export async function draftFor(request: APIRequestContext, event: EventScope, name = 'Crash test'): Promise<string> {
  const account = await json<{ id: string }>(
    await request.post('/api/accounts', { data: { connector: 'bigcommerce', storeHash: DEMO_STORE_HASH, accessToken: DEMO_TOKEN } }),
  )
  const automation = await json<Automation>(await request.post('/api/automations', { data: { name } }))
  await setEvent(request, automation.id, account.id, event)
  return automation.id
}

export async function setEvent(request: APIRequestContext, automationId: string, accountId: string, event: EventScope) {
  const draft = { stage: 'configureTrigger', connector: 'bigcommerce', trigger: 'bigcommerce', accountId, event, headers: [] }
  await json(await request.put(`/api/automations/${automationId}/trigger/draft`, { data: { draft } }))
}
