import { DEMO_CREDENTIALS } from '../../src/bigcommerce/simulator/demo-store'
import {
  chooseBigCommerceTrigger,
  configureEvent,
  createAutomation,
  DEMO_ACCOUNT_LABEL,
  EVENTS,
  expect,
  proceedToTest,
  runTestTrigger,
  saveAndExit,
  summaryItem,
  test,
} from './wizard-steps'

for (const { label, scope } of EVENTS) {
  test(`a user triggers an automation on ${label} and tests it with an event from their store`, async ({ page }) => {
    await createAutomation(page, `When ${label}`)
    await chooseBigCommerceTrigger(page)
    await configureEvent(page, label)
    await proceedToTest(page)

    const payload = await runTestTrigger(page)
    expect(payload).toMatchObject({ scope, producer: `stores/${DEMO_CREDENTIALS.storeHash}` })

    await saveAndExit(page)
    await expect(summaryItem(page, 'Connector')).toHaveText('BigCommerce')
    await expect(summaryItem(page, 'Trigger')).toHaveText('BigCommerce')
    await expect(summaryItem(page, 'Account')).toContainText(DEMO_ACCOUNT_LABEL)
    await expect(summaryItem(page, 'Event')).toHaveText(`${label} · Scope: ${scope}`)
    await expect(summaryItem(page, 'Webhook')).toContainText('Registered with BigCommerce')
  })
}
