import type { APIRequestContext, Locator, Page } from '@playwright/test'
import type { Automation } from '../../src/contract/api'
import type { CustomHeader } from '../../src/contract/custom-headers'
import { saveAndExit, setUpTrigger, testOutput, testTriggerButton, type AuthorizeInput, type EventLabel } from '../demo/wizard-steps'
import { expect } from './fixtures'

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
