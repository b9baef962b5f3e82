import { DEMO_FULL_ACCOUNT, DEMO_STORE, DEMO_STORE_HASH, emptyStore } from '../../src/bigcommerce/simulator/demo-store'
import type { DeliveryAttempt } from '../../src/bigcommerce/simulator/deliveries'
import type { Fault } from '../../src/bigcommerce/simulator/faults'
import type { DomainBlock } from '../../src/bigcommerce/simulator/hook-faults'
import {
  binSchema,
  DEMO_BIN_NAME,
  type BinRequest,
  type BinSettings,
  type BinSettingsChange,
} from '../../src/bigcommerce/simulator/request-bin'
import type { HookRecord } from '../../src/bigcommerce/simulator/store-state'

/**
 * The simulated BigCommerce, spoken to over HTTP as a merchant's admin or a test harness would:
 * its REST API with the demo store's token, and its `/__simulator/…` control routes.
 */

export const DEMO_TOKEN = DEMO_FULL_ACCOUNT.accessToken
export { DEMO_STORE_HASH }

/** A second store beside the demo store, so a test can hold a real token of another store. */
export const OTHER_STORE = emptyStore({
  hash: 'otherstore',
  storeId: '1009876543',
  name: 'Other Store',
  accounts: [
    {
      name: 'Automations',
      clientId: 'r4t6y8u1i3o5p7a9s2d4f6g8h1j3k5l',
      clientSecret: 'w2e4r6t8y1u3i5o7p9a1s3d5f7g9h2j',
      accessToken: 'x9c7v5b3n1m2k4j6h8g1f3d5s7a9q2w',
      scopes: ['store_v2_information_read_only', 'store_v2_products', 'store_v2_orders', 'store_v2_customers'],
    },
  ],
})

/** The stores the simulator holds in the server's stories. */
export const SIMULATED_STORES = [DEMO_STORE, OTHER_STORE]

async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, init)
  const text = await response.text()
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${text}`)
  return (text === '' ? undefined : JSON.parse(text)) as T
}

function storeApi(simulatorUrl: string, path: string): string {
  return `${simulatorUrl}/stores/${DEMO_STORE_HASH}${path}`
}

const apiHeaders = { 'X-Auth-Token': DEMO_TOKEN, Accept: 'application/json', 'Content-Type': 'application/json' }

/** Creates a product through the catalog API, so BigCommerce fires store/product/created. */
export async function createProduct(simulatorUrl: string, name: string): Promise<{ id: number; name: string }> {
  const reply = await call<{ data: { id: number; name: string } }>(storeApi(simulatorUrl, '/v3/catalog/products'), {
    method: 'POST',
    headers: apiHeaders,
    body: JSON.stringify({ name, type: 'physical', weight: 1, price: 12.5 }),
  })
  return reply.data
}

/** An API account's webhooks, as `GET /v3/hooks` lists them: the demo store's full account's unless another token is given. */
export async function listHooks(simulatorUrl: string, accessToken = DEMO_TOKEN): Promise<HookRecord[]> {
  const reply = await call<{ data: HookRecord[] }>(storeApi(simulatorUrl, '/v3/hooks'), {
    headers: { ...apiHeaders, 'X-Auth-Token': accessToken },
  })
  return reply.data
}

/** Deletes a webhook through the API, as a merchant's other tool or a person might. */
export async function deleteHook(simulatorUrl: string, hookId: number): Promise<void> {
  await call(storeApi(simulatorUrl, `/v3/hooks/${hookId}`), { method: 'DELETE', headers: apiHeaders })
}

/** Replaces a webhook's headers through the API, as a merchant's other tool or a person might. */
export async function updateHookHeaders(simulatorUrl: string, hookId: number, headers: Record<string, string>): Promise<void> {
  await call(storeApi(simulatorUrl, `/v3/hooks/${hookId}`), { method: 'PUT', headers: apiHeaders, body: JSON.stringify({ headers }) })
}

/** Every delivery the simulator attempted so far, once all in flight have finished. */
export async function listDeliveries(simulatorUrl: string): Promise<DeliveryAttempt[]> {
  const reply = await call<{ deliveries: DeliveryAttempt[] }>(`${simulatorUrl}/__simulator/deliveries`)
  return reply.deliveries
}

/** Makes the next matching API requests fail (or wait), in the order the faults were added. */
export async function addFault(simulatorUrl: string, fault: Fault): Promise<void> {
  await call(`${simulatorUrl}/__simulator/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(fault),
  })
}

export async function clearFaults(simulatorUrl: string): Promise<void> {
  await call(`${simulatorUrl}/__simulator/faults`, { method: 'DELETE' })
}

/** Switches a hook off as BigCommerce does after 48 hours of failed deliveries. */
export async function deactivateHook(simulatorUrl: string, hookId: number): Promise<void> {
  await call(`${simulatorUrl}/__simulator/stores/${DEMO_STORE_HASH}/hooks/${hookId}/deactivate`, { method: 'POST' })
}

/** Denylists a destination domain (for every API account of the demo store unless `clientId` is given). */
export async function blockDomain(simulatorUrl: string, block: DomainBlock): Promise<void> {
  await call(`${simulatorUrl}/__simulator/stores/${DEMO_STORE_HASH}/blocked-domains`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(block),
  })
}

export async function unblockDomain(simulatorUrl: string, domain: string): Promise<void> {
  await call(`${simulatorUrl}/__simulator/stores/${DEMO_STORE_HASH}/blocked-domains/${encodeURIComponent(domain)}`, { method: 'DELETE' })
}

/** Runs the simulated BigCommerce's clock `offsetSeconds` off the real one; what it signs and stamps follows. */
export async function setSimulatorClock(simulatorUrl: string, offsetSeconds: number): Promise<void> {
  await call(`${simulatorUrl}/__simulator/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ offsetSeconds }),
  })
}

/** The simulator's request bin, a destination for HTTP Request steps (the server must run with ALLOW_PRIVATE_DESTINATIONS=true). */
export function binUrl(simulatorUrl: string, name = DEMO_BIN_NAME): string {
  return `${simulatorUrl}/bin/${name}`
}

/** What the bin received, newest first. */
export async function binRequests(simulatorUrl: string, name = DEMO_BIN_NAME): Promise<BinRequest[]> {
  const reply = await call<{ bin: unknown }>(`${simulatorUrl}/__simulator/bins/${name}`)
  return binSchema.parse(reply.bin).requests
}

/** Makes the bin fail (`failNext`, `down`, with `failStatus`), be slow (`delayMs`), or come back. */
export async function changeBin(simulatorUrl: string, change: BinSettingsChange, name = DEMO_BIN_NAME): Promise<BinSettings> {
  const reply = await call<{ settings: BinSettings }>(`${simulatorUrl}/__simulator/bins/${name}/settings`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(change),
  })
  return reply.settings
}
