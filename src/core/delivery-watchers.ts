import type { StoredDelivery } from './ports'

/** The listeners of `Storage.watchDeliveries` within one process. */
export function createDeliveryWatchers() {
  const listeners = new Set<(stored: StoredDelivery) => void>()
  return {
    watch(listener: (stored: StoredDelivery) => void): () => void {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    notify(stored: StoredDelivery): void {
      for (const listener of [...listeners]) {
        // A listener's failure is its own: the delivery is stored, and the others still hear of it.
        try {
          listener(stored)
        } catch {
          // Nothing to undo.
        }
      }
    },
  }
}
