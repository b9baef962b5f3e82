import { RouterProvider } from '@tanstack/react-router'
import { onTestFinished } from 'vitest'
import { renderWithBackend } from '../backend/render-with-backend'
import type { TriggerBackend } from '../backend/trigger-backend'
import { createAppRouter } from './router'

/**
 * Renders the whole app at `path` over a fake backend, with the browser's own history. The
 * history starts on the Automations list with `path` pushed after it, as when a user opens a
 * page from the list, so Back has an entry of the router's to go to. Resolves once the page's
 * lazily loaded code is in.
 */
export async function renderApp(path: string, overrides: Partial<TriggerBackend> = {}) {
  window.history.replaceState(null, '', '/')
  const router = createAppRouter()
  if (path !== '/') router.history.push(path)
  // Each test's router listens to the window's history; the next test's must be alone.
  onTestFinished(() => router.history.destroy())
  // The page's code is loaded first, so the test starts where a user would, on the page itself.
  await router.load()
  return { ...renderWithBackend(<RouterProvider router={router} />, overrides), router }
}
