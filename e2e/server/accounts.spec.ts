import type { APIRequestContext } from '@playwright/test'
import { DEMO_LIMITED_CREDENTIALS } from '../../src/bigcommerce/simulator/demo-store'
import type { Account } from '../../src/contract/accounts'
import type { Automation } from '../../src/contract/automations'
import { accountCard, accountDetail, expectFieldError, openAccountsPage } from '../demo/wizard-steps'
import { PUBLIC_URL, expect, test } from './fixtures'
import { DEMO_STORE_HASH, DEMO_TOKEN, listHooks, OTHER_STORE } from './simulator-api'
import { fetchAutomation, saveNewTrigger } from './steps'

const OTHER_TOKEN = OTHER_STORE.accounts[0]?.accessToken ?? ''

async function listAccounts(request: APIRequestContext): Promise<Account[]> {
  const response = await request.get('/api/accounts')
  expect(response.status()).toBe(200)
  return ((await response.json()) as { accounts: Account[] }).accounts
}

test('a user renames an account and gives it a new token: another store’s is refused, the same store’s moves the webhook to it', async ({
  page,
  request,
  stack,
}) => {
  const automationId = await saveNewTrigger(page, { name: 'Products to CMS', event: 'Product Created' })
  const { trigger } = await fetchAutomation(request, automationId)
  const destination = `${PUBLIC_URL}/hooks/bigcommerce/${trigger.id}`

  await openAccountsPage(page)
  const card = accountCard(page, 'Demo Store')
  await expect(accountDetail(card, 'Store Hash')).toHaveText(DEMO_STORE_HASH)
  await expect(accountDetail(card, 'Access Token')).toHaveText(`••••••••${DEMO_TOKEN.slice(-4)}`)
  await expect(accountDetail(card, 'Used by').getByRole('link', { name: 'Products to CMS' })).toBeVisible()

  // Rename.
  await card.getByRole('button', { name: 'Rename Demo Store' }).click()
  const renameDialog = page.getByRole('dialog', { name: 'Rename account' })
  await renameDialog.getByRole('textbox', { name: 'Account name' }).fill('Demo, main token')
  await renameDialog.getByRole('button', { name: 'Save name' }).click()
  await expect(renameDialog).toBeHidden()
  await expect(page.getByText('Renamed to Demo, main token.')).toBeVisible()
  const renamed = accountCard(page, 'Demo, main token')
  await expect(accountDetail(renamed, 'Store')).toHaveText('Demo Store')

  // A real token, of another store: BigCommerce refuses it for this one, and the current token stays.
  await renamed.getByRole('button', { name: 'Re-enter token Demo, main token' }).click()
  const tokenDialog = page.getByRole('dialog', { name: 'Re-enter the Access Token' })
  const token = tokenDialog.getByLabel('Access Token', { exact: true })
  await token.fill(OTHER_TOKEN)
  await tokenDialog.getByRole('button', { name: 'Check and replace' }).click()
  await expectFieldError(token, `BigCommerce did not accept this Access Token for Demo, main token (store ${DEMO_STORE_HASH})`)
  await expectFieldError(token, 'The current token is kept.')
  await expect(token).toHaveValue(OTHER_TOKEN)
  const [kept] = await listAccounts(request)
  expect(kept?.tokenMask).toBe(`••••••••${DEMO_TOKEN.slice(-4)}`)
  expect(await listHooks(stack.simulatorUrl)).toHaveLength(1)

  // Another API account of the same store: accepted, and the webhook moves to it.
  await token.fill(DEMO_LIMITED_CREDENTIALS.accessToken)
  await tokenDialog.getByRole('button', { name: 'Check and replace' }).click()
  await expect(tokenDialog).toBeHidden()
  const lastFour = DEMO_LIMITED_CREDENTIALS.accessToken.slice(-4)
  await expect(page.getByText(`Demo, main token now uses the token ending in ${lastFour}.`)).toBeVisible()
  await expect(accountDetail(renamed, 'Access Token')).toHaveText(`••••••••${lastFour}`)
  await expect(accountDetail(renamed, 'Can read')).toContainText('No Products: read-only')

  // Truth at BigCommerce: the old API account holds no hook of ours, the new one the trigger's.
  expect(await listHooks(stack.simulatorUrl)).toEqual([])
  const moved = await listHooks(stack.simulatorUrl, DEMO_LIMITED_CREDENTIALS.accessToken)
  expect(moved).toMatchObject([{ scope: 'store/product/created', destination, is_active: true }])
  expect(JSON.stringify(await listAccounts(request))).not.toContain(DEMO_LIMITED_CREDENTIALS.accessToken)
  expect(stack.serverLog()).not.toContain(DEMO_LIMITED_CREDENTIALS.accessToken)

  // All of it is stored: after a restart the page says the same.
  await stack.restartServer()
  await page.reload()
  await expect(accountDetail(accountCard(page, 'Demo, main token'), 'Access Token')).toHaveText(`••••••••${lastFour}`)
})

test('deleting an account is refused while an automation uses it, naming the automation, and works once none does', async ({
  page,
  request,
}) => {
  await saveNewTrigger(page, { name: 'Orders to ERP', event: 'Order Created' })
  const authorized = await request.post('/api/accounts', { data: { connector: 'bigcommerce', ...DEMO_LIMITED_CREDENTIALS } })
  expect(authorized.status()).toBe(200)
  const limited = (await authorized.json()) as Account

  await openAccountsPage(page)
  // In use: the dialog names who uses it, with a link, and offers no Delete.
  await accountCard(page, 'Demo Store').getByRole('button', { name: 'Delete Demo Store' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete this account?' })
  await expect(dialog).toContainText('Demo Store cannot be deleted while an automation uses it.')
  await expect(dialog.getByRole('link', { name: 'Orders to ERP' })).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Delete', exact: true })).toHaveCount(0)
  await dialog.getByRole('button', { name: 'Close' }).click()

  // The limited account is free as the page loads; then an automation picks it (another tab, say).
  // Without Information & Settings the store's name is unknown: the account is named by its hash.
  const limitedCard = accountCard(page, limited.name)
  expect(limited.name).toBe(DEMO_STORE_HASH)
  await expect(accountDetail(limitedCard, 'Used by')).toHaveText('No automation')
  const created = await request.post('/api/automations', { data: { name: 'Customers to CRM' } })
  const other = (await created.json()) as Automation
  const draft = {
    ...other.trigger.draft,
    stage: 'configureTrigger',
    connector: 'bigcommerce',
    trigger: 'bigcommerce',
    accountId: limited.id,
  }
  expect((await request.put(`/api/automations/${other.id}/trigger/draft`, { data: { draft } })).status()).toBe(200)

  // The server refuses, in words naming the automation; the dialog then lists it.
  await limitedCard.getByRole('button', { name: `Delete ${limited.name}` }).click()
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(dialog.getByRole('alert')).toHaveText(
    `The account was not deleted: ${limited.name} is used by the automation “Customers to CRM”, so it was not deleted. Choose another account in it, or delete it, first.`,
  )
  await expect(dialog.getByRole('link', { name: 'Customers to CRM' })).toBeVisible()
  expect(await listAccounts(request)).toHaveLength(2)
  await dialog.getByRole('button', { name: 'Close' }).click()

  // With the automation gone, the account goes.
  expect((await request.delete(`/api/automations/${other.id}`)).status()).toBe(204)
  await page.reload()
  await limitedCard.getByRole('button', { name: `Delete ${limited.name}` }).click()
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText(`${limited.name} was deleted.`)).toBeVisible()
  await expect(limitedCard).toHaveCount(0)
  expect((await listAccounts(request)).map((account) => account.id)).not.toContain(limited.id)
})
