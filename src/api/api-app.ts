import { Hono } from 'hono'
import { BackendError } from '../contract/errors'
import type { TriggerService } from '../core/trigger-service'
import { accountRoutes } from './account-routes'
import { automationRoutes } from './automation-routes'
import { errorResponse, notFoundResponse } from './error-replies'
import { listenRoutes, type ListenRouteOptions } from './listen-route'
import { isJsonContentType } from './request-body'
import { triggerRoutes } from './trigger-routes'
import { webhookRoutes } from './webhook-route'

export type ApiAppOptions = ListenRouteOptions

/**
 * The REST contract and the webhook receiver over a `TriggerService`, one router per resource.
 * The Node server and the browser demo (through msw) both serve this same app, so they answer
 * alike.
 */
export function createApiApp(service: TriggerService, options: ApiAppOptions = {}): Hono {
  const app = new Hono()

  // An id with a NUL character (`%00`) names nothing (UNSTORABLE_TEXT): answered before any lookup.
  app.use('/api/*', async (c, next) => {
    if (/%00/i.test(c.req.path) || c.req.path.includes('\0')) throw new BackendError('not_found', 'Nothing is at this address.')
    await next()
  })

  // CSRF: a page on another site can POST a form, or a no-cors fetch, with any other type (or
  // none) and no CORS preflight. Declaring application/json needs a preflight, which this app
  // never grants, so only our own UI can send it. Save, test and revert read no body, but they
  // change things, so they need it too. A DELETE always needs a preflight; one with a body is
  // held to the same rule only so that a body is never read as anything but JSON.
  app.use('/api/*', async (c, next) => {
    const { method } = c.req
    const declaresBody =
      c.req.header('content-type') !== undefined ||
      c.req.header('transfer-encoding') !== undefined ||
      Number(c.req.header('content-length') ?? 0) > 0
    const readsJson = method === 'POST' || method === 'PUT' || method === 'PATCH' || (method === 'DELETE' && declaresBody)
    if (readsJson && !isJsonContentType(c.req.header('content-type'))) {
      throw new BackendError('unsupported_media_type', 'Send the request as JSON, with the header Content-Type: application/json.')
    }
    await next()
  })

  app.route('/', automationRoutes(service))
  app.route('/', triggerRoutes(service))
  app.route('/', listenRoutes(service, options))
  app.route('/', accountRoutes(service))
  app.route('/', webhookRoutes(service))

  app.notFound((c) => notFoundResponse(c.req))
  app.onError((error) => errorResponse(error, options.onUnexpectedError))

  return app
}
