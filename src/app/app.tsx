import { lazy, Suspense } from 'react'
import { AutomationsPage } from './automations-page'
import { PageHeading } from './page-heading'
import { matchRoute, usePathname } from './router'

// The automation page carries the wizard and react-hook-form; the first page must not pay for them.
const AutomationPage = lazy(() => import('./automation-page').then((module) => ({ default: module.AutomationPage })))

export function App() {
  const route = matchRoute(usePathname())
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <span className="app-brand">Automation Hub</span>
      </header>
      <Suspense
        fallback={
          <main id="main" className="page" tabIndex={-1}>
            <output>Loading…</output>
          </main>
        }
      >
        {route.name === 'automations' && <AutomationsPage />}
        {route.name === 'automation' && <AutomationPage key={route.automationId} automationId={route.automationId} />}
        {route.name === 'notFound' && <NotFoundPage />}
      </Suspense>
    </>
  )
}

function NotFoundPage() {
  return (
    <main id="main" className="page" tabIndex={-1}>
      <PageHeading>Page not found</PageHeading>
      <p>
        <a href="/">Back to Automations</a>
      </p>
    </main>
  )
}
