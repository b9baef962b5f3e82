import { createRootRoute, createRoute, createRouter, lazyRouteComponent, redirect, type RouterHistory } from '@tanstack/react-router'
import { ErrorPage } from './error-page'
import { NotFoundPage } from './not-found-page'
import { RootLayout } from './root-layout'
import { parseAccountsSearch, parseAutomationSearch, parseTriggerPageSearch, parseTriggerStepSearch } from './search-params'

// Each page's code is loaded when the page is first shown: the first page carries only React,
// the router and this table (scripts/bench-bundle.mjs measures it).
const rootRoute = createRootRoute({ component: RootLayout, notFoundComponent: NotFoundPage })

const automationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./automations-page'), 'AutomationsPage'),
})

const accountsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'accounts',
  validateSearch: parseAccountsSearch,
  component: lazyRouteComponent(() => import('./accounts-page'), 'AccountsPage'),
})

/** One automation: its heading, steps and leave guard, around the step that is open. */
const automationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'automations/$automationId',
  validateSearch: parseAutomationSearch,
  component: lazyRouteComponent(() => import('./automation-page'), 'AutomationPage'),
})

/** The trigger step: the saved summary or the wizard, e.g. `/automations/a1?tab=configure&dialog=authorize`. */
const triggerStepRoute = createRoute({
  getParentRoute: () => automationRoute,
  path: '/',
  validateSearch: parseTriggerStepSearch,
  component: lazyRouteComponent(() => import('./trigger-step'), 'TriggerStep'),
})

/** The saved trigger's own page: its versions and the deliveries it received, e.g. `/automations/a1/trigger?from=1&to=3`. */
const triggerPageRoute = createRoute({
  getParentRoute: () => automationRoute,
  path: 'trigger',
  validateSearch: parseTriggerPageSearch,
  component: lazyRouteComponent(() => import('./trigger-page'), 'TriggerPage'),
})

/** Links written before the router still open the list. */
const automationsAliasRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'automations',
  beforeLoad: () => {
    throw redirect({ to: '/', replace: true })
  },
})

const routeTree = rootRoute.addChildren([
  automationsRoute,
  accountsRoute,
  automationsAliasRoute,
  automationRoute.addChildren([triggerStepRoute, triggerPageRoute]),
])

/** The app's router; tests pass a history of their own. */
export function createAppRouter(options: { history?: RouterHistory } = {}) {
  return createRouter({
    routeTree,
    ...options,
    // A render error shows a way back instead of a blank page.
    defaultErrorComponent: ErrorPage,
    defaultPendingComponent: PagePending,
    // Said at once, as before the router: a page whose code is on its way is not frozen.
    defaultPendingMs: 0,
  })
}

function PagePending() {
  return <output className="page">Loading…</output>
}

export type AppRouter = ReturnType<typeof createAppRouter>

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter
  }
}
