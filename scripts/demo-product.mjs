// `npm run demo:product`: creates a product in the demo store through the simulator's REST API,
// exactly as a merchant's admin would, so BigCommerce (the simulator) fires store/product/created.
import { DEMO_FULL_ACCOUNT, DEMO_STORE_HASH } from '../src/bigcommerce/simulator/demo-store.ts'

const simulatorUrl = `http://127.0.0.1:${Number(process.env.SIMULATOR_PORT ?? 8081)}`
const name = process.argv[2] ?? `Demo product ${new Date().toISOString().slice(11, 19)}`

let response
try {
  response = await fetch(`${simulatorUrl}/stores/${DEMO_STORE_HASH}/v3/catalog/products`, {
    method: 'POST',
    headers: { 'X-Auth-Token': DEMO_FULL_ACCOUNT.accessToken, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ name, type: 'physical', weight: 1, price: 19.99 }),
  })
} catch {
  console.error(`The simulator is not running at ${simulatorUrl}. Start the demo first: npm run demo`)
  process.exit(1)
}

const reply = await response.json().catch(() => null)
if (!response.ok) {
  console.error(`The simulator refused the product (${response.status}):`, JSON.stringify(reply, null, 2))
  process.exit(1)
}
const product = reply?.data
console.log(`Created product ${product?.id} "${product?.name}" in store ${DEMO_STORE_HASH}.`)
console.log('BigCommerce (the simulator) now delivers store/product/created to every matching hook;')
console.log('a saved trigger for Product Created shows it under Test Trigger.')
