import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type * as z from 'zod/mini'
import { LISTEN_HEARTBEAT_MS, listenEventSchemas, type ListenReady } from '../contract/deliveries'
import { apiPaths } from '../contract/routes'
import type { TriggerService } from '../core/trigger-service'

/** Why a Listen for an event stream ended: a delivery was sent, the wait timed out, or the client went (Cancel, a closed tab). */
export type ListenEndReason = 'delivered' | 'timeout' | 'client_closed'

export type ListenStreamEvent =
  | { phase: 'opened'; automationId: string; openStreams: number }
  | { phase: 'closed'; automationId: string; openStreams: number; reason: ListenEndReason }

export type ListenRouteOptions = {
  /** Told about errors that are not the caller's fault, for logging; the caller sees a generic 500. */
  onUnexpectedError?: (error: unknown) => void
  /** Told when a listen stream opens and closes, and how many stay open, for the log. */
  onListenStream?: (event: ListenStreamEvent) => void
}

/** One Server-Sent Event of the listen stream, its data parsed by the contract's schema first. */
function listenEvent<Name extends keyof typeof listenEventSchemas>(
  event: Name,
  data: z.infer<(typeof listenEventSchemas)[Name]>,
): { event: Name; data: string } {
  return { event, data: JSON.stringify(listenEventSchemas[event].parse(data)) }
}

/** Listen for an event, as a stream: the route and how its streams are counted for the log. */
export function listenRoutes(service: Pick<TriggerService, 'listenForDelivery'>, options: ListenRouteOptions = {}): Hono {
  const app = new Hono()
  // Listen for an event: Server-Sent Events (listenEventSchemas). A refusal before listening
  // starts (not saved, no PUBLIC_URL) is an ordinary error answer; after it, the stream ends on
  // a delivery, on the timeout, or when the client goes, and the service stops listening then.
  let openListenStreams = 0
  app.get(apiPaths.triggerListen, async (c) => {
    const automationId = c.req.param('automationId')
    const listening = new AbortController()
    let markReady: (ready: ListenReady) => void = () => undefined
    let refuse: (error: unknown) => void = () => undefined
    const ready = new Promise<ListenReady>((resolve, reject) => {
      markReady = resolve
      refuse = reject
    })
    const outcome = service.listenForDelivery({ automationId }, { signal: listening.signal, onReady: markReady })
    outcome.catch(refuse)
    const readyEvent = await ready

    openListenStreams += 1
    options.onListenStream?.({ phase: 'opened', automationId, openStreams: openListenStreams })
    return streamSSE(
      c,
      async (stream) => {
        const clientGone = () => listening.abort(new DOMException('The client closed the stream.', 'AbortError'))
        stream.onAbort(clientGone)
        c.req.raw.signal.addEventListener('abort', clientGone, { once: true })
        if (c.req.raw.signal.aborted) clientGone()
        const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n'), LISTEN_HEARTBEAT_MS)
        let reason: ListenEndReason = 'client_closed'
        try {
          await stream.writeSSE(listenEvent('ready', readyEvent))
          const result = await outcome
          if (result.status === 'delivered') {
            await stream.writeSSE({ ...listenEvent('delivery', result.delivery), id: result.delivery.id })
            reason = 'delivered'
          } else {
            await stream.writeSSE(listenEvent('end', { reason: 'timeout' }))
            reason = 'timeout'
          }
          // A write to a client already gone does not throw; its abort says so.
          if (listening.signal.aborted) reason = 'client_closed'
        } catch (error) {
          if (!listening.signal.aborted) throw error
        } finally {
          clearInterval(heartbeat)
          listening.abort()
          c.req.raw.signal.removeEventListener('abort', clientGone)
          openListenStreams -= 1
          options.onListenStream?.({ phase: 'closed', automationId, openStreams: openListenStreams, reason })
        }
      },
      async (error) => options.onUnexpectedError?.(error),
    )
  })
  return app
}
