import { automationLink, deleteOpenAutomation } from '../demo/wizard-steps'
import { expect, test } from './fixtures'
import { listHooks } from './simulator-api'
import { fetchAutomation, saveNewTrigger } from './steps'

test('deleting an automation deletes its webhook in BigCommerce', async ({ page, request, stack }) => {
  const automationId = await saveNewTrigger(page, { name: 'Short-lived sync', event: 'Product Created' })
  const hookId = (await fetchAutomation(request, automationId)).trigger.saved?.webhook.hookId
  expect(hookId).toEqual(expect.any(Number))
  expect((await listHooks(stack.simulatorUrl)).map((hook) => hook.id)).toContain(hookId)

  await deleteOpenAutomation(page)
  await expect(automationLink(page, 'Short-lived sync')).toHaveCount(0)
  await expect(page.getByText('No automations yet. Create one below.')).toBeVisible()

  expect((await listHooks(stack.simulatorUrl)).map((hook) => hook.id)).not.toContain(hookId)
  expect((await request.get(`/api/automations/${encodeURIComponent(automationId)}`)).status()).toBe(404)
})
