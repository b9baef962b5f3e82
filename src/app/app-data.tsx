import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { BackendProvider } from '../backend/backend-context'
import { httpBackend } from '../backend/http-backend'

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 10_000 } } })
// Same origin in both modes: the server serves the app and the API; msw intercepts in the demo.
const backend = httpBackend('')

/** The data layer every page reads through: one cache, one backend. */
export function AppData({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <BackendProvider backend={backend}>{children}</BackendProvider>
    </QueryClientProvider>
  )
}
