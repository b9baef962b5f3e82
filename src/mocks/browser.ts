import { setupWorker } from 'msw/browser'
import { PURGE_INTERVAL_MS } from '../core/delivery-retention'
import { mountDemoBinSection } from './demo-bin-panel'
import {
  createDemoBackend,
  DEMO_BIN_STORAGE_KEY,
  DEMO_BIN_URL,
  DEMO_STORAGE_KEY,
  DEMO_STORE_STORAGE_KEY,
  localStorageSnapshot,
} from './demo-backend'
import { mountDemoStorePanel } from './demo-store-panel'
import { createDemoHandlers } from './handlers'

/** The demo's state survives a reload, so a user can come back to a half-configured trigger. */
export const demo = createDemoBackend({
  persist: localStorageSnapshot(DEMO_STORAGE_KEY),
  persistStore: localStorageSnapshot(DEMO_STORE_STORAGE_KEY),
  persistBins: localStorageSnapshot(DEMO_BIN_STORAGE_KEY),
})

export const worker = setupWorker(...createDemoHandlers(demo))

// The demo keeps deliveries as the server does: for the retention (30 days), purged at start and hourly.
void demo.service.purgeExpiredDeliveries()
setInterval(() => void demo.service.purgeExpiredDeliveries(), PURGE_INTERVAL_MS)

/**
 * Starts the demo's service worker. msw tells its worker that the page closed on
 * `beforeunload`, which also fires when the user answers "Stay" to the app's leave prompt;
 * the worker then unregisters and the demo backend stops answering. So msw's listener is
 * handed `pagehide` instead, which fires only when the page really goes away.
 */
export async function startDemoWorker(): Promise<void> {
  const addEventListener = window.addEventListener
  window.addEventListener = function (this: Window, ...args: Parameters<Window['addEventListener']>) {
    const [type, ...rest] = args
    addEventListener.call(this, type === 'beforeunload' ? 'pagehide' : type, ...rest)
  } as Window['addEventListener']
  try {
    await worker.start({ onUnhandledRequest: 'bypass', quiet: true })
  } finally {
    window.addEventListener = addEventListener
  }
  // Action steps run in the page as the server's worker runs them, once msw is there to hand
  // their requests to the simulated store's request bin; runs waiting since before a reload too.
  demo.service.runner.start()
  mountDemoBinSection(demo.simulator.bins, DEMO_BIN_URL, mountDemoStorePanel(demo))
}
