import { AxeBuilder } from '@axe-core/playwright'
import { test as base, expect, type Locator, type Page } from '@playwright/test'
import { DEMO_CREDENTIALS } from '../../src/bigcommerce/simulator/demo-store'
import type { CustomHeader } from '../../src/contract/custom-headers'
import type { StoreCredentials } from '../../src/core/ports'

/** What the Authorize dialog takes: the Client Secret is optional. */
export type AuthorizeInput = StoreCredentials & { clientSecret?: string }

/**
 * Steps of the trigger wizard as a user takes them, shared by the demo's end-to-end tests.
 * They find things by role, then by label, the names a screen reader user would hear.
 */

export { expect }

/**
 * An auto fixture that fails the test on an uncaught error or a console error in the page: both
 * are bugs. A console error matching `ignoredConsole` is not; each suite says which it expects.
 * `provide` is Playwright's `use`, named so the React hooks lint rule does not take it for a hook.
 */
export function failOnPageErrors(
  ignoredConsole: RegExp,
): [(fixtures: { page: Page }, provide: () => Promise<void>) => Promise<void>, { auto: true }] {
  return [
    async ({ page }, provide) => {
      const problems: string[] = []
      page.on('pageerror', (error) => problems.push(`Uncaught: ${error.message}`))
      page.on('console', (message) => {
        if (message.type() === 'error' && !ignoredConsole.test(message.text())) problems.push(`Console error: ${message.text()}`)
      })
      await provide()
      expect(problems, 'the page reported errors').toEqual([])
    },
    { auto: true },
  ]
}

/**
 * Chromium's own "Failed to load resource" line for a 4xx or 5xx answer is not a bug: the stories
 * about wrong tokens expect those answers, and the app shows them in its own words.
 */
export const test = base.extend<{ failOnPageErrors: void; demoClock: void }>({
  failOnPageErrors: failOnPageErrors(/^Failed to load resource:/),
  // The page's clock starts at one fixed instant, far from any day the tests run on, and then
  // runs: nothing a test sees can depend on the date (the zone and locale are fixed in the config).
  demoClock: [
    async ({ page }, provide) => {
      await page.clock.install({ time: DEMO_START })
      await provide()
    },
    { auto: true },
  ],
})

/** When every demo test's page clock starts. */
export const DEMO_START = new Date('2031-07-15T10:30:00Z')

/** The six events, as the Select an Event list names them and as BigCommerce scopes them. */
export const EVENTS = [
  { label: 'Cart Converted', scope: 'store/cart/converted' },
  { label: 'Customer Created', scope: 'store/customer/created' },
  { label: 'Product Created', scope: 'store/product/created' },
  { label: 'Order Created', scope: 'store/order/created' },
  { label: 'Shipment Created', scope: 'store/shipment/created' },
  { label: 'SKU Created', scope: 'store/sku/created' },
] as const
export type EventLabel = (typeof EVENTS)[number]['label']

export function scopeOf(label: EventLabel): string {
  const event = EVENTS.find((candidate) => candidate.label === label)
  if (!event) throw new Error(`No event labelled ${label}`)
  return event.scope
}

/** How summaries name the demo store's account (followed by the whole token mask). */
export const DEMO_ACCOUNT_LABEL = `Demo Store (${DEMO_CREDENTIALS.storeHash})`

/** How the Account list names an account: its store, then its token's last four characters. */
export function accountOptionLabel(storeLabel: string, credentials: StoreCredentials): string {
  return `${storeLabel} · ••••${credentials.accessToken.slice(-4)}`
}

/** How the Account list names the demo store once it is authorized with its full token. */
export const DEMO_ACCOUNT_OPTION = accountOptionLabel(DEMO_ACCOUNT_LABEL, DEMO_CREDENTIALS)

// ---- Locators -------------------------------------------------------------------------------

export const accountField = (page: Page) => page.getByRole('combobox', { name: 'Account', exact: true })
export const eventField = (page: Page) => page.getByRole('combobox', { name: 'Select an Event' })
export const authorizeDialog = (page: Page) => page.getByRole('dialog', { name: 'Authorize' })
export const headerName = (page: Page, row: number) => page.getByRole('textbox', { name: `Header name ${row}`, exact: true })
export const headerValue = (page: Page, row: number) => page.getByRole('textbox', { name: `Header value ${row}`, exact: true })
export const revertButton = (page: Page) => page.getByRole('button', { name: 'Revert Changes' })
export const testTriggerButton = (page: Page) => page.getByRole('button', { name: 'Test Trigger', exact: true })
/** The result of Test Trigger. */
export const testOutput = (page: Page) => page.getByRole('region', { name: 'Output', exact: true })

/** The option a select shows; a select's value is an id, the user sees the label. */
export function chosenOption(select: Locator): Locator {
  return select.locator('option:checked')
}

/** One line of a summary (a description list): `summaryItem(page, 'Event')` is what follows "Event". */
export function summaryItem(page: Page, term: string): Locator {
  return page
    .locator('dl > div')
    .filter({ has: page.getByRole('term').getByText(term, { exact: true }) })
    .getByRole('definition')
}

// ---- Steps ----------------------------------------------------------------------------------

/** From the Automations page: name a new automation and land on its page. */
export async function createAutomation(page: Page, name: string) {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Automations', level: 1 })).toBeVisible()
  await page.getByRole('textbox', { name: 'Automation name' }).fill(name)
  await page.getByRole('button', { name: 'Create automation' }).click()
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible()
}

/** Configure Trigger → the BigCommerce connector → the BigCommerce trigger, ending on the Configure Trigger tab. */
export async function chooseBigCommerceTrigger(page: Page) {
  await page.getByRole('navigation', { name: 'Automation steps' }).getByRole('link', { name: 'Configure Trigger' }).click()
  await page.getByRole('list', { name: 'Connectors' }).getByRole('button', { name: 'BigCommerce' }).click()
  await expect(page.getByRole('tab', { name: 'Choose Trigger' })).toHaveAttribute('aria-selected', 'true')
  await page.getByRole('list', { name: 'Triggers' }).getByRole('button', { name: 'BigCommerce' }).click()
  await expect(page.getByRole('tab', { name: 'Configure Trigger' })).toHaveAttribute('aria-selected', 'true')
}

/** + Add New Account, fill in the Authorize dialog, and submit it (whatever the answer). */
export async function submitAuthorizeDialog(page: Page, credentials: AuthorizeInput) {
  await page.getByRole('button', { name: '+ Add New Account' }).click()
  const dialog = authorizeDialog(page)
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('Store Hash').fill(credentials.storeHash)
  await dialog.getByLabel('Access Token', { exact: true }).fill(credentials.accessToken)
  if (credentials.clientSecret !== undefined) await dialog.getByLabel('Client Secret').fill(credentials.clientSecret)
  await dialog.getByRole('button', { name: 'Authorize' }).click()
  return dialog
}

/**
 * Adds the demo store through the Authorize dialog; it becomes the chosen account. (A token
 * without Information & Settings cannot read the store's name, so the list names it by its hash
 * alone: `demostore1 · ••••4s5p`.)
 */
export async function authorizeDemoStore(page: Page, credentials: AuthorizeInput = DEMO_CREDENTIALS) {
  const dialog = await submitAuthorizeDialog(page, credentials)
  await expect(dialog).toBeHidden()
  // Whatever the store's name, the hash and the token's last four say it is this account.
  const hash = escapeRegExp(credentials.storeHash)
  const lastFour = escapeRegExp(accountOptionLabel('', credentials))
  await expect(chosenOption(accountField(page))).toHaveText(new RegExp(`(^| \\()${hash}\\)?${lastFour}$`))
}

export async function selectEvent(page: Page, label: EventLabel) {
  await eventField(page).selectOption({ label })
  await expect(chosenOption(eventField(page))).toHaveText(label)
}

/** The Configure Trigger tab with a fresh account: authorize the store and pick the event. */
export async function configureEvent(page: Page, label: EventLabel, credentials: AuthorizeInput = DEMO_CREDENTIALS) {
  await authorizeDemoStore(page, credentials)
  await selectEvent(page, label)
}

export async function showOptionalFields(page: Page) {
  await page.getByRole('switch', { name: 'Show optional fields' }).check()
  await expect(page.getByRole('group', { name: 'Custom Headers' })).toBeVisible()
}

/** + Add Custom Header, then type into the new row (the row it makes is `row`). */
export async function addCustomHeader(page: Page, row: number, header: CustomHeader) {
  await page.getByRole('button', { name: '+ Add Custom Header' }).click()
  await headerName(page, row).fill(header.name)
  await headerValue(page, row).fill(header.value)
}

export async function proceedToTest(page: Page) {
  await page.getByRole('button', { name: 'Proceed' }).click()
  await expect(page.getByRole('heading', { name: 'Test Trigger', level: 2 })).toBeVisible()
}

/**
 * The payload the test shows, parsed from the raw JSON in the output: what the user would copy.
 * It is read from the text, so it is found even while a "Raw JSON" disclosure is closed.
 */
export async function testOutputPayload(page: Page): Promise<Record<string, unknown>> {
  const payload = testOutput(page).getByRole('region', { name: 'Payload', exact: true })
  await expect(payload).toBeVisible()
  const parsed: unknown = JSON.parse((await payload.locator('pre').textContent()) ?? '')
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('The payload is not a JSON object.')
  return parsed as Record<string, unknown>
}

/** Test Trigger, and the payload it shows. */
export async function runTestTrigger(page: Page) {
  await testTriggerButton(page).click()
  return testOutputPayload(page)
}

export async function saveAndExit(page: Page) {
  await page.getByRole('button', { name: 'Save and Exit' }).click()
  await expect(page.getByRole('heading', { name: 'Trigger', level: 2, exact: true })).toBeVisible()
}

/** The whole wizard up to the Test Trigger step, for stories about what comes after. */
export async function setUpTrigger(
  page: Page,
  options: { name: string; event: EventLabel; headers?: CustomHeader[]; credentials?: AuthorizeInput },
) {
  await createAutomation(page, options.name)
  await chooseBigCommerceTrigger(page)
  await configureEvent(page, options.event, options.credentials)
  if (options.headers?.length) {
    await showOptionalFields(page)
    for (const [index, header] of options.headers.entries()) await addCustomHeader(page, index + 1, header)
  }
  await proceedToTest(page)
}

/** The summary's Configure Trigger button, back into the form with the saved values. */
export async function reconfigure(page: Page) {
  await page.getByRole('button', { name: 'Configure Trigger', exact: true }).click()
  await expect(page.getByRole('tab', { name: 'Configure Trigger' })).toHaveAttribute('aria-selected', 'true')
}

/** Revert Changes, confirmed in the dialog that shows what it undoes. */
export async function revertChanges(page: Page) {
  await revertButton(page).click()
  const dialog = revertDialog(page)
  await dialog.getByRole('button', { name: 'Revert', exact: true }).click()
  await expect(dialog).toBeHidden()
}

export const revertDialog = (page: Page) => page.getByRole('dialog', { name: 'Revert Changes?' })

/**
 * A diff table's rows, each as its cells' text: `['Event', 'Order Created', 'Product Created', 'Changed']`.
 * A masked value reads `••••Hidden` (the word is for screen readers).
 */
export async function diffRows(table: Locator): Promise<string[][]> {
  await expect(table).toBeVisible()
  const rows: string[][] = []
  for (const row of await table.getByRole('row').all())
    rows.push((await row.locator('th, td').allTextContents()).map((text) => text.trim()))
  return rows
}

/** The left navigation's Versions and deliveries page of the open automation, on the tab it opens at. */
export async function openTriggerPage(page: Page) {
  await page.getByRole('navigation', { name: 'Automation steps' }).getByRole('link', { name: 'Versions and deliveries' }).click()
  await expect(page.getByRole('tablist', { name: 'Versions and deliveries' })).toBeVisible()
}

/** One tab of the saved trigger's page (`Deliveries`, `Versions`…), and its panel. */
export async function openTriggerTab(page: Page, name: string): Promise<Locator> {
  await page.getByRole('tablist', { name: 'Versions and deliveries' }).getByRole('tab', { name, exact: true }).click()
  const panel = page.getByRole('tabpanel', { name, exact: true })
  await expect(panel).toBeVisible()
  return panel
}

/** The saved trigger's page at its Versions tab. */
export async function openVersions(page: Page) {
  await openTriggerPage(page)
  await openTriggerTab(page, 'Versions')
  await expect(page.getByRole('list', { name: 'Versions' })).toBeVisible()
}

/** Delete automation on the open automation's page, confirmed in its dialog; ends on the Automations list. */
export async function deleteOpenAutomation(page: Page) {
  await page.getByRole('button', { name: 'Delete automation' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete this automation?' })
  await expect(dialog).toContainText('BigCommerce webhook')
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('heading', { name: 'Automations', level: 1 })).toBeVisible()
}

// ---- Accounts page ------------------------------------------------------------------------

/** The Accounts page, from the left navigation. */
export async function openAccountsPage(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click()
  await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible()
}

/** One account on the Accounts page: the card headed with its name. */
export const accountCard = (page: Page, name: string) => page.getByRole('region', { name, exact: true })

/** What follows `term` on an account's card, e.g. `accountDetail(card, 'Access Token')`. */
export function accountDetail(card: Locator, term: string): Locator {
  // A `has` locator is matched inside each candidate, so it starts from the page, not the card.
  return card
    .locator('dl > div')
    .filter({ has: card.page().getByRole('term').getByText(term, { exact: true }) })
    .getByRole('definition')
}

/** An automation's link on the Automations page. */
export function automationLink(page: Page, name: string): Locator {
  return page.getByRole('main').getByRole('link', { name, exact: true })
}

/**
 * Resolves once the draft writer has stored a draft matching `matches` (it writes 400 ms after
 * the last edit). Start waiting before the edit. msw answers in the page, yet the page still
 * reports the response (`fromServiceWorker()`), so this sees it.
 */
export function draftStored(page: Page, matches: (draft: Record<string, unknown>) => boolean) {
  return page.waitForResponse((response) => {
    const request = response.request()
    if (request.method() !== 'PUT' || !/\/api\/automations\/[^/]+\/trigger\/draft$/.test(request.url()) || !response.ok()) return false
    const body: unknown = request.postDataJSON()
    const draft = typeof body === 'object' && body !== null && 'draft' in body ? body.draft : null
    return typeof draft === 'object' && draft !== null && matches(draft as Record<string, unknown>)
  })
}

/** The field is marked invalid and its message is read with it; what was typed stays. */
export async function expectFieldError(field: Locator, message: string) {
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await expect(field).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)))
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

// ---- Failures ---------------------------------------------------------------------------------

type ApiFailure = { method: string; path: string; status: number; body: unknown }

/**
 * Lets a test make the next matching API call fail, as a broken server would. Call it before the
 * first navigation; then `failNext` arms one failure.
 *
 * `page.route` cannot do this here, nor can `context.route`: msw's service worker answers `/api/*`
 * before any network request exists, so neither route handler is ever called (checked, and
 * https://playwright.dev/docs/network#missing-network-events-and-service-workers).
 * Blocking service workers instead would take msw, and with it the whole demo backend, away. So
 * the failure is injected one layer up, in the page: the app's `httpBackend` looks up the global
 * `fetch` on every call, and a wrapper installed before the app's scripts answers an armed call
 * with the status and error body given, exactly what the app would get from a failing server.
 * Every other call goes on to msw untouched.
 */
export async function interceptApiInPage(page: Page) {
  await page.addInitScript(() => {
    const failures: ApiFailure[] = []
    Object.defineProperty(window, 'e2eApiFailures', { value: failures })
    const realFetch = window.fetch.bind(window)
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input), window.location.href)
      const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase()
      const index = failures.findIndex((failure) => failure.method === method && new RegExp(failure.path).test(url.pathname))
      const failure = index === -1 ? undefined : failures.splice(index, 1)[0]
      if (!failure) return realFetch(input, init)
      return Promise.resolve(
        new Response(JSON.stringify(failure.body), { status: failure.status, headers: { 'content-type': 'application/json' } }),
      )
    }
  })
  return {
    /** The next call matching `method` and the `path` pattern gets this answer; later ones reach msw. */
    failNext: (failure: ApiFailure) =>
      page.evaluate((next) => {
        ;(window as unknown as { e2eApiFailures: ApiFailure[] }).e2eApiFailures.push(next)
      }, failure),
  }
}

// ---- Accessibility --------------------------------------------------------------------------

/** Runs axe on the page as it is now and fails, listing them, on any serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      elements: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
    }))
  const details = JSON.stringify(blocking, null, 2)
  expect(
    blocking.map((violation) => violation.rule),
    `axe found serious or critical violations on ${page.url()}:\n${details}`,
  ).toEqual([])
}

// ---- Keyboard -------------------------------------------------------------------------------

/**
 * Presses `key` (Tab or Shift+Tab) until `target` has focus, as a keyboard user would, and
 * fails if it takes more than `max` presses. Only the keyboard moves focus.
 */
export async function pressUntilFocused(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', max = 40) {
  await expect(target).toBeVisible()
  for (let presses = 0; presses < max; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press(key)
  }
  await expect(target, `${key} ×${max} never reached the element`).toBeFocused({ timeout: 1 })
}
