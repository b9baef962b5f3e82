import type { Hono } from 'hono'
import { createApiApp } from '../api/api-app'
import { bigcommerceClient, BIGCOMMERCE_API_URL } from '../bigcommerce/client'
import { DEMO_STORE_HASH } from '../bigcommerce/simulator/demo-store'
import { DEMO_BIN_NAME } from '../bigcommerce/simulator/request-bin'
import { createSimulator, type Simulator } from '../bigcommerce/simulator/simulator'
import type { RecordKind } from '../bigcommerce/simulator/store-state'
import { createMemoryStorage, type SnapshotStore } from '../core/memory-storage'
import { createTriggerService, type TriggerService } from '../core/trigger-service'
import { createFetchOutbound } from './fetch-outbound'

/**
 * Where the demo's webhooks point. The `.invalid` TLD can never resolve (RFC 6761), so the only
 * thing that can answer it is msw, which hands it to the same receiver the server runs.
 * It is https on the default port because BigCommerce (and the simulator) accept nothing else.
 */
export const DEMO_PUBLIC_URL = 'https://trigger-demo.invalid'

/**
 * The simulated store's request bin, where an HTTP Request step of the demo can send: msw hands
 * the simulator's address to the simulator, as it does BigCommerce's API.
 */
export const DEMO_BIN_URL = `${BIGCOMMERCE_API_URL}/bin/${DEMO_BIN_NAME}`

/**
 * localStorage keys: the app's records, the simulated store's records and hooks, and what its
 * request bins received (apart, so a bin full of long bodies cannot crowd the store out).
 */
export const DEMO_STORAGE_KEY = 'bigcommerce-trigger-demo'
export const DEMO_STORE_STORAGE_KEY = 'bigcommerce-trigger-demo:store'
export const DEMO_BIN_STORAGE_KEY = 'bigcommerce-trigger-demo:bins'

export type DemoBackend = {
  service: TriggerService
  api: Hono
  simulator: Simulator
  /** Answers a request to BigCommerce's API, keeping the simulated store's state persisted. */
  fetchSimulator(request: Request): Promise<Response>
  /**
   * Makes something happen in the demo store, as the simulator's own page does in `npm run demo`:
   * the store's webhooks deliver it. Throws the simulator's refusal (nothing to ship, say).
   */
  createRecord(kind: RecordKind): { id: number }
}

/** A `SnapshotStore` over localStorage; a full or blocked localStorage just stops persisting. */
export function localStorageSnapshot(key: string): SnapshotStore | undefined {
  const storage = globalThis.localStorage as Storage | undefined
  if (!storage) return undefined
  return {
    load: () => {
      try {
        return storage.getItem(key)
      } catch {
        return null
      }
    },
    save: (json) => {
      try {
        storage.setItem(key, json)
      } catch {
        // Quota or privacy mode: the demo keeps working, only without surviving a reload.
      }
    },
  }
}

/** Loads a snapshot; a corrupt or outdated one is not trusted, and the seed it is. */
function restoreFrom(persisted: SnapshotStore | undefined, restore: (json: unknown) => void): void {
  const saved = persisted?.load()
  if (!saved) return
  try {
    restore(JSON.parse(saved))
  } catch {
    // The seed stands.
  }
}

/**
 * Sends a delivery and reads the answer to the end. Cancelling the body of an msw-produced
 * response never settles in Node (mswjs/interceptors#712, #799), which would leave the
 * simulator's delivery pending forever; the receiver's answer is a few bytes anyway.
 */
async function deliverAndDrain(url: string, init: RequestInit): Promise<Response> {
  const response = await globalThis.fetch(url, init)
  // An opaque redirect (status 0) cannot be rebuilt, and has no body to drain.
  if (response.status < 200) return response
  await response.arrayBuffer().catch(() => undefined)
  return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers })
}

/**
 * The in-browser demo's backend: the real core and HTTP app, the real BigCommerce client, and
 * the simulated store behind msw, so the demo behaves like production.
 */
export function createDemoBackend(
  options: { persist?: SnapshotStore | undefined; persistStore?: SnapshotStore | undefined; persistBins?: SnapshotStore | undefined } = {},
): DemoBackend {
  const simulator = createSimulator({ deliver: deliverAndDrain })
  restoreFrom(options.persistStore, (json) => simulator.restore(json))
  restoreFrom(options.persistBins, (json) => simulator.bins.load(json))
  const { persistBins } = options
  if (persistBins) simulator.bins.subscribe(() => persistBins.save(JSON.stringify(simulator.bins.snapshot())))

  const service = createTriggerService({
    storage: createMemoryStorage(options.persist),
    platform: bigcommerceClient({ apiUrl: BIGCOMMERCE_API_URL }),
    outbound: createFetchOutbound(),
    config: {
      publicUrl: DEMO_PUBLIC_URL,
      webhookHelp: 'The demo registers webhooks with the simulated store; nothing needs to be set.',
    },
  })

  return {
    service,
    api: createApiApp(service),
    simulator,
    async fetchSimulator(request) {
      const response = await simulator.app.fetch(request)
      if (request.method !== 'GET') options.persistStore?.save(JSON.stringify(simulator.snapshot()))
      return response
    },
    createRecord(kind) {
      const created = simulator.create(DEMO_STORE_HASH, kind)
      options.persistStore?.save(JSON.stringify(simulator.snapshot()))
      return created
    },
  }
}
