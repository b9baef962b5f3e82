import { DEMO_CREDENTIALS } from '../../src/bigcommerce/simulator/demo-store'
import {
  accountField,
  addCustomHeader,
  authorizeDemoStore,
  chooseBigCommerceTrigger,
  chosenOption,
  configureEvent,
  createAutomation,
  DEMO_ACCOUNT_OPTION,
  eventField,
  expect,
  expectFieldError,
  headerName,
  headerValue,
  proceedToTest,
  selectEvent,
  showOptionalFields,
  submitAuthorizeDialog,
  test,
} from './wizard-steps'

test.describe('the Authorize dialog', () => {
  test.beforeEach(async ({ page }) => {
    await createAutomation(page, 'Authorize checks')
    await chooseBigCommerceTrigger(page)
  })

  test('a user with a wrong Access Token is told so in the dialog, and keeps what they typed', async ({ page }) => {
    const wrongToken = 'abcdefghijklmnopqrstuvwxyz01234'
    const dialog = await submitAuthorizeDialog(page, { storeHash: DEMO_CREDENTIALS.storeHash, accessToken: wrongToken })
    const token = dialog.getByLabel('Access Token', { exact: true })
    await expectFieldError(token, `BigCommerce did not accept this Access Token for store ${DEMO_CREDENTIALS.storeHash}.`)
    await expect(token).toBeFocused()
    await expect(token).toHaveValue(wrongToken)
    await expect(dialog.getByLabel('Store Hash')).toHaveValue(DEMO_CREDENTIALS.storeHash)

    // Correcting the token is all it takes.
    await token.fill(DEMO_CREDENTIALS.accessToken)
    await dialog.getByRole('button', { name: 'Authorize' }).click()
    await expect(dialog).toBeHidden()
    await expect(chosenOption(accountField(page))).toHaveText(DEMO_ACCOUNT_OPTION)
  })

  test('a user who types a malformed Store Hash is told what one looks like', async ({ page }) => {
    const dialog = await submitAuthorizeDialog(page, { storeHash: 'my store!', accessToken: DEMO_CREDENTIALS.accessToken })
    const storeHash = dialog.getByLabel('Store Hash')
    await expectFieldError(storeHash, 'A Store Hash is 4 to 16 lowercase letters and digits')
    await expect(storeHash).toHaveValue('my store!')
    await expect(dialog.getByLabel('Access Token', { exact: true })).toHaveValue(DEMO_CREDENTIALS.accessToken)
  })

  test('a user who pastes the whole API path gets the Store Hash taken from it', async ({ page }) => {
    await page.getByRole('button', { name: '+ Add New Account' }).click()
    const dialog = page.getByRole('dialog', { name: 'Authorize' })
    const storeHash = dialog.getByLabel('Store Hash')
    await storeHash.fill(`https://api.bigcommerce.com/stores/${DEMO_CREDENTIALS.storeHash}/v3/`)
    await expect(storeHash).toHaveAccessibleDescription(new RegExp(`^Store Hash to use: ${DEMO_CREDENTIALS.storeHash}`))
    await dialog.getByLabel('Access Token', { exact: true }).fill(DEMO_CREDENTIALS.accessToken)
    await dialog.getByRole('button', { name: 'Authorize' }).click()
    await expect(dialog).toBeHidden()
    await expect(chosenOption(accountField(page))).toHaveText(DEMO_ACCOUNT_OPTION)
  })
})

test.describe('the Configure Trigger form', () => {
  test.beforeEach(async ({ page }) => {
    await createAutomation(page, 'Form checks')
    await chooseBigCommerceTrigger(page)
  })

  test('a user who proceeds with nothing chosen is asked for an account and an event', async ({ page }) => {
    await page.getByRole('button', { name: 'Proceed' }).click()
    await expectFieldError(accountField(page), 'Choose an account or add a new one.')
    await expectFieldError(eventField(page), 'Select an event.')
    await expect(page.getByRole('tab', { name: 'Configure Trigger' })).toHaveAttribute('aria-selected', 'true')

    // Each message goes once its field is answered.
    await authorizeDemoStore(page)
    await expect(accountField(page)).not.toHaveAttribute('aria-invalid')
    await selectEvent(page, 'Order Created')
    await expect(eventField(page)).not.toHaveAttribute('aria-invalid')
    await proceedToTest(page)
  })

  test('a user sees each bad custom header flagged at its own field, with what they typed kept', async ({ page }) => {
    await configureEvent(page, 'Order Created')
    await showOptionalFields(page)
    const longValue = 'a'.repeat(1025)
    const rows = [
      { header: { name: 'X Tenant', value: 'acme' }, field: 'name', message: 'A header name may use only letters, digits and' },
      { header: { name: 'X-Source', value: 'demo' }, field: null, message: null },
      {
        header: { name: 'x-source', value: 'again' },
        field: 'name',
        message: 'x-source is already used in row 2. Header names are case-insensitive.',
      },
      {
        header: { name: 'Content-Type', value: 'text/plain' },
        field: 'name',
        message: 'Content-Type is set by the HTTP stack or by this app, so it cannot be a custom header.',
      },
      {
        header: { name: 'X-Trigger-Secret', value: 'guess' },
        field: 'name',
        message: 'X-Trigger-Secret is set by the HTTP stack or by this app, so it cannot be a custom header.',
      },
      {
        header: { name: 'X-Multi', value: 'first line\nsecond line' },
        field: 'value',
        message: 'A header value cannot contain line breaks.',
      },
      {
        header: { name: 'X-Long', value: longValue },
        field: 'value',
        message: 'A header value can be at most 1024 bytes (this one is 1025).',
      },
    ] as const
    // Straight from typing a bad value to + Add Custom Header, as a user clicks: the press must
    // not be lost to the message that leaving the field shows.
    for (const [index, { header }] of rows.entries()) await addCustomHeader(page, index + 1, header)

    await page.getByRole('button', { name: 'Proceed' }).click()
    for (const [index, { header, field, message }] of rows.entries()) {
      const name = headerName(page, index + 1)
      const value = headerValue(page, index + 1)
      if (field === 'name') await expectFieldError(name, message)
      if (field === 'value') await expectFieldError(value, message)
      if (field !== 'name') await expect(name).not.toHaveAttribute('aria-invalid')
      if (field !== 'value') await expect(value).not.toHaveAttribute('aria-invalid')
      await expect(name).toHaveValue(header.name)
      await expect(value).toHaveValue(header.value)
    }
    await expect(page.getByRole('tab', { name: 'Configure Trigger' })).toHaveAttribute('aria-selected', 'true')
  })

  test('a user cannot add more than 20 custom headers', async ({ page }) => {
    await configureEvent(page, 'Order Created')
    await showOptionalFields(page)
    for (let row = 1; row <= 21; row += 1) await addCustomHeader(page, row, { name: `X-Header-${row}`, value: `value ${row}` })

    await page.getByRole('button', { name: 'Proceed' }).click()
    await expectFieldError(headerName(page, 21), 'At most 20 custom headers are allowed. Remove this one.')
    await expect(headerName(page, 21)).toHaveValue('X-Header-21')
    await expect(headerName(page, 20)).not.toHaveAttribute('aria-invalid')

    await page.getByRole('button', { name: 'Remove header 21' }).click()
    await proceedToTest(page)
    await expect(page.getByRole('region', { name: 'What will be tested' }).getByRole('listitem')).toHaveCount(20)
  })
})
