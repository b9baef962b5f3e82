import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { BackendProvider } from './backend-context'
import { fakeBackend } from './fake-backend'
import type { TriggerBackend } from './trigger-backend'

/** Renders `ui` over a fake backend and a fresh QueryClient with retries off, as each test needs. */
export function renderWithBackend(ui: ReactElement, overrides: Partial<TriggerBackend> = {}) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  })
  const backend = fakeBackend(overrides)
  const result = render(
    <QueryClientProvider client={queryClient}>
      <BackendProvider backend={backend}>{ui}</BackendProvider>
    </QueryClientProvider>,
  )
  return { ...result, queryClient, backend }
}
