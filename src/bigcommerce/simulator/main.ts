import { DEMO_BIN_NAME } from './request-bin'
import { startSimulatorServer, tunnelHooksTo } from './simulator-server'

/**
 * `npx tsx src/bigcommerce/simulator/main.ts`: the simulator on http://127.0.0.1:8081.
 * DELIVERY_BASE (e.g. http://127.0.0.1:8080) is where deliveries really go: any hook
 * destination `https://<host>/hooks/…` is sent to `${DELIVERY_BASE}/hooks/…`, as a tunnel would.
 */

const port = Number(process.env['SIMULATOR_PORT'] ?? 8081)
const host = process.env['SIMULATOR_HOST'] ?? '127.0.0.1'
const deliveryBase = process.env['DELIVERY_BASE']?.replace(/\/+$/, '')

const rewriteDestination = deliveryBase ? tunnelHooksTo(deliveryBase) : undefined

const { url, simulator, close } = await startSimulatorServer({ port, host, rewriteDestination })

console.log(`BigCommerce simulator listening on ${url} (control page: ${url}/)`)
console.log(`API base for the app: ${url} (paths /stores/{hash}/v3/… and /v2/…)`)
console.log(`Request bin for action steps: ${url}/bin/${DEMO_BIN_NAME} (what it received: ${url}/bin)`)
for (const store of simulator.snapshot().stores) {
  console.log(`Store "${store.name}": Store Hash ${store.hash}, store_id ${store.storeId}`)
  for (const account of store.accounts) {
    const secret = account.clientSecret ? `, Client Secret ${account.clientSecret} signs its deliveries` : ''
    console.log(`  Access Token ${account.accessToken}  (${account.name}: ${account.scopes.join(', ')}${secret})`)
  }
}
console.log(
  deliveryBase
    ? `Deliveries to https://<host>/hooks/… go to ${deliveryBase}/hooks/…`
    : 'Deliveries go to the hook destinations as registered (set DELIVERY_BASE to redirect them).',
)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void close().finally(() => process.exit(0))
  })
}
