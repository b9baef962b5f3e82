import { Hono } from 'hono'
import { TRIGGER_SECRET_HEADER } from '../contract/custom-headers'
import { BackendError } from '../contract/errors'
import { apiPaths } from '../contract/routes'
import type { DeliveryOutcome, TriggerService } from '../core/trigger-service'
import { isJsonContentType, parseJson, readText, WEBHOOK_BODY_LIMIT_BYTES } from './request-body'

/** A delivery as it arrived, whoever carried it: hono here, node:http in the Node server. */
export type WebhookRequest = {
  /** The id from the path, `/hooks/bigcommerce/{triggerId}`. */
  triggerId: string
  /** A header's value by its lower-case name. */
  header(name: string): string | undefined
  /** The body as text, refused with payload_too_large past `limit` bytes. */
  text(limit: number): Promise<string>
}

/**
 * The webhook receiver: checks what HTTP carries (a JSON body within the limit), then hands the
 * delivery to the service, which answers only once it is stored. BigCommerce wants a 2xx at
 * once (docs/bigcommerce-api-notes.md §3.3). Shared by the demo's hono route and the Node
 * server's node:http one.
 */
export async function receiveWebhook(service: Pick<TriggerService, 'receiveDelivery'>, request: WebhookRequest): Promise<DeliveryOutcome> {
  // `%00` in the address: no trigger has such an id (UNSTORABLE_TEXT).
  if (request.triggerId.includes('\0')) throw new BackendError('not_found', 'No trigger listens at this address.')
  // BigCommerce declares `application/json`, perhaps with parameters; anything else is not a
  // callback, and saying 415 at once is clearer than a parse error.
  if (!isJsonContentType(request.header('content-type'))) {
    throw new BackendError('unsupported_media_type', 'A delivery is JSON, sent with the header Content-Type: application/json.')
  }
  // The text as it came: a signature covers these exact bytes, not a re-serialisation.
  const rawBody = await request.text(WEBHOOK_BODY_LIMIT_BYTES)
  const body = parseJson(rawBody)
  const signature = request.header('webhook-signature') ?? null
  return service.receiveDelivery({
    triggerId: request.triggerId,
    secretHeader: request.header(TRIGGER_SECRET_HEADER.toLowerCase()) ?? null,
    body,
    ...(signature === null
      ? {}
      : {
          signed: {
            rawBody,
            headers: { id: request.header('webhook-id') ?? null, timestamp: request.header('webhook-timestamp') ?? null, signature },
          },
        }),
  })
}

/** The receiver as a hono route: the demo's, through msw (the Node server takes deliveries before hono). */
export function webhookRoutes(service: Pick<TriggerService, 'receiveDelivery'>): Hono {
  return new Hono().post(apiPaths.webhook, async (c) =>
    c.json(
      await receiveWebhook(service, {
        triggerId: c.req.param('triggerId') ?? '',
        header: (name) => c.req.header(name),
        text: (limit) => readText(c.req.raw, limit),
      }),
    ),
  )
}
