import { http } from 'msw'
import { BIGCOMMERCE_API_URL } from '../bigcommerce/client'
import { DEMO_PUBLIC_URL, type DemoBackend } from './demo-backend'

/**
 * The demo's msw handlers. They route to the very app the server runs, so they describe the
 * happy path and validate requests exactly as the server does; tests add error paths with
 * `server.use(...)`.
 */
export function createDemoHandlers(demo: DemoBackend, options: { apiOrigin?: string } = {}) {
  // Relative by default, so msw resolves it against the page's origin; a `*/api/*` would also
  // catch the dev server's module requests such as `/src/api/api-app.ts`. Node has no page, so
  // tests there name the origin `httpBackend` uses.
  const apiPattern = `${options.apiOrigin ?? ''}/api/*`
  return [
    http.all(apiPattern, ({ request }) => demo.api.fetch(request)),
    // Deliveries the simulated store sends to the demo's public URL.
    http.all(`${DEMO_PUBLIC_URL}/hooks/*`, ({ request }) => demo.api.fetch(request)),
    http.all(`${BIGCOMMERCE_API_URL}/*`, ({ request }) => demo.fetchSimulator(request)),
  ]
}
