import {
  accountField,
  chooseBigCommerceTrigger,
  chosenOption,
  createAutomation,
  DEMO_ACCOUNT_OPTION,
  expectFieldError,
  submitAuthorizeDialog,
} from '../demo/wizard-steps'
import { expect, test } from './fixtures'
import { DEMO_STORE_HASH, DEMO_TOKEN } from './simulator-api'

test('wrong credentials: BigCommerce refuses them, the Authorize dialog says so and keeps both fields as typed', async ({
  page,
  request,
}) => {
  await createAutomation(page, 'Orders to the warehouse')
  await chooseBigCommerceTrigger(page)

  // A token BigCommerce does not know (the right one with its last characters mistyped).
  const wrongToken = `${DEMO_TOKEN.slice(0, -4)}zzzz`
  const dialog = await submitAuthorizeDialog(page, { storeHash: DEMO_STORE_HASH, accessToken: wrongToken })
  const storeHash = dialog.getByLabel('Store Hash')
  const accessToken = dialog.getByLabel('Access Token', { exact: true })
  await expect(dialog.getByRole('alert')).toContainText(`BigCommerce did not accept this Access Token for store ${DEMO_STORE_HASH}`)
  await expectFieldError(accessToken, 'BigCommerce did not accept this Access Token')
  await expect(dialog).toBeVisible()
  await expect(storeHash).toHaveValue(DEMO_STORE_HASH)
  await expect(accessToken).toHaveValue(wrongToken)

  // The right token for a store that does not exist, pasted as the API path BigCommerce shows.
  const wrongStorePath = 'https://api.bigcommerce.com/stores/nosuchstore/v3/'
  await storeHash.fill(wrongStorePath)
  await accessToken.fill(DEMO_TOKEN)
  await dialog.getByRole('button', { name: 'Authorize', exact: true }).click()
  await expect(dialog.getByRole('alert')).toContainText('BigCommerce did not accept this Access Token for store nosuchstore')
  await expect(storeHash).toHaveValue(wrongStorePath)
  await expect(accessToken).toHaveValue(DEMO_TOKEN)

  // Nothing was stored for either attempt.
  const accounts = (await (await request.get('/api/accounts')).json()) as { accounts: unknown[] }
  expect(accounts.accounts).toEqual([])

  // Correcting the one wrong field is enough: the store is authorized and chosen.
  await storeHash.fill(DEMO_STORE_HASH)
  await dialog.getByRole('button', { name: 'Authorize', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(chosenOption(accountField(page))).toHaveText(DEMO_ACCOUNT_OPTION)
})
