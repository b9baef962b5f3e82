import { createContext, useContext, type ReactNode } from 'react'
import type { TriggerBackend } from './trigger-backend'

const BackendContext = createContext<TriggerBackend | null>(null)

/** Supplies the one backend the UI talks to; a host platform passes its own implementation. */
export function BackendProvider({ backend, children }: { backend: TriggerBackend; children: ReactNode }) {
  return <BackendContext value={backend}>{children}</BackendContext>
}

export function useBackend(): TriggerBackend {
  const backend = useContext(BackendContext)
  // A missing provider is a wiring bug, not a user-facing state, so fail loudly.
  if (!backend) throw new Error('useBackend must be used inside <BackendProvider>.')
  return backend
}
