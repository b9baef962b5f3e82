import { RouterProvider } from '@tanstack/react-router'
import { lazy, StrictMode, Suspense } from 'react'
import { createRoot } from 'react-dom/client'
import { createAppRouter } from './app/router'
import './styles.css'

// The data layer (react-query, the contract's schemas, the HTTP backend) loads beside the first
// page's code rather than inside it, so the entry is React, the router and the route table.
const AppData = lazy(() => import('./app/app-data').then((module) => ({ default: module.AppData })))

async function start() {
  if (import.meta.env.VITE_BACKEND === 'msw') {
    // The demo answers the same REST contract in the browser; loaded only in that mode so the
    // production bundle carries no msw.
    const { startDemoWorker } = await import('./mocks/browser')
    await startDemoWorker()
  }
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root element.')
  const router = createAppRouter()
  createRoot(root).render(
    <StrictMode>
      <Suspense fallback={<output className="page">Loading…</output>}>
        <AppData>
          <RouterProvider router={router} />
        </AppData>
      </Suspense>
    </StrictMode>,
  )
}

void start()
