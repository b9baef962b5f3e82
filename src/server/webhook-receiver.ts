import type { IncomingMessage, ServerResponse } from 'node:http'
import { errorReply } from '../api/error-replies'
import { bodyTooLarge } from '../api/request-body'
import { receiveWebhook } from '../api/webhook-route'
import { webhookPath } from '../contract/routes'
import type { TriggerService } from '../core/trigger-service'
import { requestIdOf, type ServerLogger } from './log'

/** Takes a request when it is a delivery (true), leaving every other one to the hono app (false). */
export type NodeWebhookReceiver = (request: IncomingMessage, response: ServerResponse) => boolean

const DELIVERY_PREFIX = webhookPath('')

/** The trigger id of `POST /hooks/bigcommerce/{triggerId}`, decoded as hono decodes a parameter; null for any other request. */
function triggerIdOf(request: IncomingMessage): string | null {
  if (request.method !== 'POST' || !request.url?.startsWith(DELIVERY_PREFIX)) return null
  const rest = request.url.slice(DELIVERY_PREFIX.length).split('?')[0] ?? ''
  if (rest === '' || rest.includes('/')) return null
  try {
    return decodeURIComponent(rest)
  } catch {
    return rest
  }
}

/** The sender closed the connection before its body ended: nobody is left to answer, and nothing went wrong here. */
class ClientWentAway extends Error {}

/** nginx's "client closed request": the status the access log gives a delivery whose sender went away. */
const CLIENT_CLOSED_REQUEST = 499

/** Stateless when not streaming, so one serves every request (as `new TextDecoder()`, it drops a leading BOM). */
const UTF8 = new TextDecoder()

/** The body as text, at most `limit` bytes: refused at once on a declared length, else once it passes the limit. */
function readText(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length']) > limit) {
      reject(bodyTooLarge(limit))
      return
    }
    const chunks: Buffer[] = []
    let total = 0
    request.on('data', (chunk: Buffer) => {
      total += chunk.length
      if (total <= limit) chunks.push(chunk)
      else reject(bodyTooLarge(limit))
    })
    let ended = false
    request.on('end', () => {
      ended = true
      // A delivery is mostly one chunk: no copy into a new buffer for it.
      resolve(UTF8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)))
    })
    // Node reports a sender that went away mid-body as an 'aborted' error, then a close.
    request.on('error', (error) => reject(new ClientWentAway(error.message)))
    // Every request closes, after its body too: an Error (its stack) made each time was 6 % of
    // the receiver's time under load, so only a close before the end makes one.
    request.on('close', () => {
      if (!ended) reject(new ClientWentAway('The connection closed before the delivery was read.'))
    })
  })
}

/**
 * The webhook receiver straight on node:http, ahead of the hono app: deliveries are the one
 * route under load, and hono's per-request objects, its middleware and security headers (made
 * for pages a browser shows) took about half of a delivery's time in a profile. It runs the
 * same `receiveWebhook` as the app's route and answers the same shapes, with the request id
 * and the access-log line the app's other requests get.
 */
export function createNodeWebhookReceiver(
  service: Pick<TriggerService, 'receiveDelivery'>,
  { logger, onUnexpectedError }: { logger: ServerLogger; onUnexpectedError: (error: unknown, requestId: string) => void },
): NodeWebhookReceiver {
  return (request, response) => {
    const triggerId = triggerIdOf(request)
    if (triggerId === null) return false
    const started = performance.now()
    const header = (name: string) => {
      const value = request.headers[name]
      return Array.isArray(value) ? value.join(', ') : value
    }
    const requestId = requestIdOf(header('x-request-id'))
    const logRequest = (status: number) =>
      logger.info('request', {
        requestId,
        method: 'POST',
        path: request.url?.split('?')[0] ?? '',
        status,
        ms: Number((performance.now() - started).toFixed(1)),
      })
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', 'x-request-id': requestId, ...headers })
      response.end(JSON.stringify(body))
      logRequest(status)
    }
    receiveWebhook(service, { triggerId, header, text: (limit) => readText(request, limit) }).then(
      (outcome) => answer(200, outcome),
      (error: unknown) => {
        // No one to answer: the access log says so, and it is not an error of ours.
        if (error instanceof ClientWentAway) logRequest(CLIENT_CLOSED_REQUEST)
        else {
          const reply = errorReply(error, (unexpected) => onUnexpectedError(unexpected, requestId))
          answer(reply.status, reply.body, reply.headers)
        }
      },
    )
    return true
  }
}
