import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Response } from '@playwright/test'
import {
  accountField,
  chooseBigCommerceTrigger,
  chosenOption,
  createAutomation,
  DEMO_ACCOUNT_LABEL,
  DEMO_ACCOUNT_OPTION,
  proceedToTest,
  reconfigure,
  saveAndExit,
  selectEvent,
  submitAuthorizeDialog,
} from '../demo/wizard-steps'
import { expect, test } from './fixtures'
import { createProduct, DEMO_STORE_HASH, DEMO_TOKEN, listDeliveries, listHooks } from './simulator-api'
import { savedSummary, testTrigger } from './steps'

test('the access token never reaches the page in any response, nor the server log, nor the database in plain text', async ({
  page,
  stack,
}) => {
  type Seen = { url: string; status: number; body: string | null }
  const reads: Promise<Seen>[] = []
  page.on('response', (response: Response) => {
    if (!response.url().startsWith(stack.baseURL)) return
    const seen = (body: string | null): Seen => ({ url: response.url(), status: response.status(), body })
    reads.push(response.text().then(seen, () => seen(null)))
  })
  // Bodies are read as they arrive; a reload must not discard ones not read yet.
  const settle = async () => Promise.all(reads)

  await createAutomation(page, 'Private matters')
  await chooseBigCommerceTrigger(page)
  // A refused token first: error answers must not echo it either.
  const wrongToken = `${DEMO_TOKEN.slice(0, -4)}zzzz`
  const dialog = await submitAuthorizeDialog(page, { storeHash: DEMO_STORE_HASH, accessToken: wrongToken })
  await expect(dialog.getByRole('alert')).toContainText('did not accept this Access Token')
  await dialog.getByLabel('Access Token', { exact: true }).fill(DEMO_TOKEN)
  await dialog.getByRole('button', { name: 'Authorize', exact: true }).click()
  await expect(dialog).toBeHidden()
  // Only the mask is shown: the last four characters.
  await expect(page.getByText(`Access Token ••••••••${DEMO_TOKEN.slice(-4)}`)).toBeVisible()

  await selectEvent(page, 'Product Created')
  await proceedToTest(page)
  await testTrigger(page)
  await saveAndExit(page)
  await createProduct(stack.simulatorUrl, 'Secret sauce')
  await listDeliveries(stack.simulatorUrl)

  await settle()
  await page.reload()
  await expect(savedSummary(page)).toContainText(DEMO_ACCOUNT_LABEL)
  await reconfigure(page)
  await expect(chosenOption(accountField(page))).toHaveText(DEMO_ACCOUNT_OPTION)
  await proceedToTest(page)
  await expect(await testTrigger(page)).toContainText('Delivered event')

  const responses = await settle()
  const api = responses.filter((seen) => new URL(seen.url).pathname.startsWith('/api/'))
  // The check covers what matters: the accounts, the authorize answers (refused and accepted), tests and saves.
  expect(api.filter((seen) => seen.url.endsWith('/api/accounts')).map((seen) => seen.status)).toEqual(expect.arrayContaining([200, 422]))
  expect(api.some((seen) => seen.url.endsWith('/trigger/save'))).toBe(true)
  expect(api.some((seen) => seen.url.endsWith('/trigger/test'))).toBe(true)
  expect(
    api.filter((seen) => seen.body === null && seen.status !== 204),
    'API bodies that could not be read',
  ).toEqual([])

  // The trigger's webhook secret is the server's and BigCommerce's business only, too.
  const secret = (await listHooks(stack.simulatorUrl))[0]?.headers?.['X-Trigger-Secret']
  expect(secret).toMatch(/^[0-9a-f]{64}$/)
  for (const { url, body } of responses) {
    for (const [what, value] of [
      ['access token', DEMO_TOKEN],
      ['refused token', wrongToken],
      ['webhook secret', secret ?? ''],
    ] as const) {
      expect(body ?? '', `${what} in the response of ${url}`).not.toContain(value)
    }
  }

  const log = stack.serverLog()
  expect(log).toContain('"method":"POST","path":"/api/accounts"')
  expect(log).not.toContain(DEMO_TOKEN)
  expect(log).not.toContain(wrongToken)
  expect(log).not.toContain(secret)

  // At rest the token is encrypted: no file in DATA_DIR holds it as written.
  const files = await readdir(stack.dataDir)
  expect(files.some((file) => file.endsWith('.sqlite'))).toBe(true)
  for (const file of files) {
    const bytes = await readFile(path.join(stack.dataDir, file))
    expect(bytes.includes(DEMO_TOKEN), `the access token in ${file}`).toBe(false)
  }
})
