import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import type { TriggerDelivery } from '../contract/deliveries'
import type { BackendError } from '../contract/errors'
import type { EventScope } from '../contract/events'
import { useBackend } from './backend-context'
import { toBackendError } from './backend-error'
import { triggerKeys } from './trigger-queries'

export type ListenState =
  | { status: 'idle' }
  /** Asked the backend; not listening until it says so. */
  | { status: 'starting' }
  /** `deadline` is when the backend gives up, by this page's clock (`Date.now()`). */
  | { status: 'listening'; event: EventScope; deadline: number }
  | { status: 'arrived'; delivery: TriggerDelivery }
  | { status: 'timed_out' }
  | { status: 'cancelled' }
  | { status: 'failed'; error: BackendError }

/**
 * The backend ends the wait at its timeout; should the stream be lost without a word (a proxy
 * that swallows the end), the page gives up this long after that.
 */
const GRACE_MS = 10_000

/**
 * Listen for an event: asks the backend to wait for the saved trigger's next delivery, and holds
 * where that stands. Cancel, a new start and leaving the page all abort the request, which ends
 * the wait on the server too.
 */
export function useDeliveryListener(automationId: string, { onArrived }: { onArrived?: (delivery: TriggerDelivery) => void } = {}) {
  const backend = useBackend()
  const queryClient = useQueryClient()
  const [state, setState] = useState<ListenState>({ status: 'idle' })
  const current = useRef<AbortController | null>(null)

  useEffect(() => () => current.current?.abort(new DOMException('The page closed.', 'AbortError')), [])

  function start() {
    current.current?.abort(new DOMException('Listening again.', 'AbortError'))
    const controller = new AbortController()
    current.current = controller
    let giveUp: ReturnType<typeof setTimeout> | undefined
    setState({ status: 'starting' })
    backend
      .listenForDelivery(
        { automationId },
        {
          signal: controller.signal,
          onReady: ({ event, timeoutMs }) => {
            if (current.current !== controller) return
            // The page's own clock, from now: the server's may differ.
            setState({ status: 'listening', event, deadline: Date.now() + timeoutMs })
            giveUp = setTimeout(() => controller.abort(new DOMException('No answer.', 'TimeoutError')), timeoutMs + GRACE_MS)
          },
        },
      )
      .then(
        (outcome) => {
          if (current.current !== controller) return
          if (outcome.status === 'timeout') {
            setState({ status: 'timed_out' })
            return
          }
          setState({ status: 'arrived', delivery: outcome.delivery })
          // The picker and the log list it too now.
          void queryClient.invalidateQueries({ queryKey: triggerKeys.deliveries(automationId) })
          onArrived?.(outcome.delivery)
        },
        (error: unknown) => {
          if (current.current !== controller) return
          if (!controller.signal.aborted) setState({ status: 'failed', error: toBackendError(error) })
          else
            setState(
              controller.signal.reason instanceof DOMException && controller.signal.reason.name === 'TimeoutError'
                ? { status: 'timed_out' }
                : { status: 'cancelled' },
            )
        },
      )
      .finally(() => clearTimeout(giveUp))
  }

  function cancel() {
    current.current?.abort(new DOMException('Cancelled.', 'AbortError'))
  }

  return { state, start, cancel }
}

export type DeliveryListener = ReturnType<typeof useDeliveryListener>
