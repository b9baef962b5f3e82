import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app'
import { BackendProvider } from './backend/backend-context'
import { httpBackend } from './backend/http-backend'
import './styles.css'

async function start() {
  if (import.meta.env.VITE_BACKEND === 'msw') {
    // The demo answers the same REST contract in the browser; loaded only in that mode so the
    // production bundle carries no msw.
    const { startDemoWorker } = await import('./mocks/browser')
    await startDemoWorker()
  }
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root element.')
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 10_000 } } })
  // Same origin in both modes: the server serves the app and the API; msw intercepts in the demo.
  const backend = httpBackend('')
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BackendProvider backend={backend}>
          <App />
        </BackendProvider>
      </QueryClientProvider>
    </StrictMode>,
  )
}

void start()
