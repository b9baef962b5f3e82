import { DEMO_CREDENTIALS } from '../../src/bigcommerce/simulator/demo-store'
import {
  accountField,
  authorizeDialog,
  chosenOption,
  DEMO_ACCOUNT_OPTION,
  eventField,
  expect,
  headerName,
  headerValue,
  pressUntilFocused,
  summaryItem,
  test,
  testOutputPayload,
  testTriggerButton,
} from './wizard-steps'

// Only page.keyboard moves focus and enters text here: no clicks, no fill().
test('a user sets up a trigger with the keyboard alone', async ({ page }) => {
  await page.goto('/')
  await pressUntilFocused(page, page.getByRole('textbox', { name: 'Automation name' }))
  await page.keyboard.type('Keyboard only')
  await page.keyboard.press('Enter')
  // The new page starts at its heading; the step navigation sits before it.
  await expect(page.getByRole('heading', { name: 'Keyboard only', level: 1 })).toBeFocused()

  await pressUntilFocused(
    page,
    page.getByRole('navigation', { name: 'Automation steps' }).getByRole('link', { name: 'Configure Trigger' }),
    'Shift+Tab',
  )
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Configure Trigger', level: 2 })).toBeFocused()

  await pressUntilFocused(page, page.getByRole('list', { name: 'Connectors' }).getByRole('button', { name: 'BigCommerce' }))
  await page.keyboard.press('Enter')
  const chooseTab = page.getByRole('tab', { name: 'Choose Trigger' })
  const configureTab = page.getByRole('tab', { name: 'Configure Trigger' })
  await expect(chooseTab).toBeFocused()

  await pressUntilFocused(page, page.getByRole('list', { name: 'Triggers' }).getByRole('button', { name: 'BigCommerce' }))
  await page.keyboard.press('Space')
  await expect(configureTab).toBeFocused()
  await expect(configureTab).toHaveAttribute('aria-selected', 'true')

  // The tabs follow the arrow keys.
  await page.keyboard.press('ArrowLeft')
  await expect(chooseTab).toBeFocused()
  await expect(chooseTab).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowRight')
  await expect(configureTab).toBeFocused()
  await expect(configureTab).toHaveAttribute('aria-selected', 'true')

  const addAccount = page.getByRole('button', { name: '+ Add New Account' })
  await pressUntilFocused(page, addAccount)
  await page.keyboard.press('Enter')
  const dialog = authorizeDialog(page)
  await expect(dialog.getByLabel('Store Hash')).toBeFocused()
  await page.keyboard.type(DEMO_CREDENTIALS.storeHash)
  await page.keyboard.press('Tab')
  await expect(dialog.getByLabel('Access Token', { exact: true })).toBeFocused()
  await page.keyboard.type(DEMO_CREDENTIALS.accessToken)
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  // Focus comes back to the button that opened the dialog; the account just before it is chosen.
  await expect(addAccount).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(accountField(page)).toBeFocused()
  await expect(chosenOption(accountField(page))).toHaveText(DEMO_ACCOUNT_OPTION)

  // A closed select steps through its options with the arrow keys: the fourth is Order Created.
  await pressUntilFocused(page, eventField(page))
  for (let step = 0; step < 4; step += 1) await page.keyboard.press('ArrowDown')
  await expect(chosenOption(eventField(page))).toHaveText('Order Created')

  const optional = page.getByRole('switch', { name: 'Show optional fields' })
  await pressUntilFocused(page, optional)
  await page.keyboard.press('Space')
  await expect(optional).toBeChecked()
  await pressUntilFocused(page, page.getByRole('button', { name: '+ Add Custom Header' }))
  await page.keyboard.press('Enter')
  await expect(headerName(page, 1)).toBeFocused()
  await page.keyboard.type('X-Tenant')
  await page.keyboard.press('Tab')
  await expect(headerValue(page, 1)).toBeFocused()
  await page.keyboard.type('acme')

  await pressUntilFocused(page, page.getByRole('button', { name: 'Proceed' }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Test Trigger', level: 2 })).toBeFocused()

  await pressUntilFocused(page, testTriggerButton(page))
  await page.keyboard.press('Enter')
  expect(await testOutputPayload(page)).toMatchObject({ scope: 'store/order/created' })

  await pressUntilFocused(page, page.getByRole('button', { name: 'Save and Exit' }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Trigger', level: 2, exact: true })).toBeFocused()
  await expect(summaryItem(page, 'Event')).toContainText('Order Created')
  await expect(summaryItem(page, 'Custom Headers')).toHaveText('X-Tenant: acme')
})
