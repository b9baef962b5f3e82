import { setupWorker } from 'msw/browser'
import { createDemoBackend, DEMO_STORAGE_KEY, DEMO_STORE_STORAGE_KEY, localStorageSnapshot } from './demo-backend'
import { createDemoHandlers } from './handlers'

/** The demo's state survives a reload, so a user can come back to a half-configured trigger. */
export const demo = createDemoBackend({
  persist: localStorageSnapshot(DEMO_STORAGE_KEY),
  persistStore: localStorageSnapshot(DEMO_STORE_STORAGE_KEY),
})

export const worker = setupWorker(...createDemoHandlers(demo))
