import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import { type Automation } from '../contract/automations'
import { LISTEN_TIMEOUT_MS } from '../contract/deliveries'
import { countOf } from '../contract/count-words'
import { eventDefinition } from '../connectors/bigcommerce'
import type { DeliveryListener } from '../backend/delivery-listener'
import { useAccountsQuery, useInfoQuery } from '../backend/trigger-queries'
import { subjectOf } from '../output/output-tabs'

/** How long a wait lasts, in words: "2 minutes". */
const LISTEN_TIME = countOf(LISTEN_TIMEOUT_MS / 60_000, { one: 'minute', other: 'minutes' })

/** `1:05`: what is left of the wait, by the page's clock, each second. */
function Countdown({ deadline }: { deadline: number }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  const seconds = Math.max(0, Math.ceil((deadline - now) / 1000))
  // A timer is not live: a screen reader reads it when asked, not every second.
  return (
    <span role="timer">
      {Math.floor(seconds / 60)}:{String(seconds % 60).padStart(2, '0')}
    </span>
  )
}

/**
 * Listen for an event, on a saved trigger: says what to do in the store, counts down and offers
 * Cancel while the backend waits; the delivery itself goes where the caller shows it, which
 * `shownWhere` names ("It is shown in the output."). Without PUBLIC_URL no event can arrive: with
 * `explainUnreachable` it says why and what stands in, else it shows nothing (the webhook's own
 * row says so already).
 */
export function ListenForEvent({
  automation,
  listener,
  shownWhere,
  explainUnreachable = false,
}: {
  automation: Automation
  /** The wait, from `useDeliveryListener`: its state, and how to start and cancel it. */
  listener: DeliveryListener
  shownWhere: string
  explainUnreachable?: boolean
}) {
  const headingId = useId()
  const hintId = useId()
  const info = useInfoQuery()
  const accounts = useAccountsQuery()
  const { state } = listener
  const listenButton = useRef<HTMLButtonElement>(null)
  const cancelButton = useRef<HTMLButtonElement>(null)
  const active = state.status === 'starting' || state.status === 'listening'

  // The button pressed goes away: focus follows to Cancel, and back once the wait is over. In the
  // commit that removes it (a layout effect), so focus never rests on the page's body meanwhile.
  const wasActive = useRef(active)
  useLayoutEffect(() => {
    if (wasActive.current === active) return
    wasActive.current = active
    const focusLost = document.activeElement === null || document.activeElement === document.body
    if (active) cancelButton.current?.focus()
    else if (focusLost) listenButton.current?.focus()
  }, [active])

  const saved = automation.trigger.saved
  // Only a saved trigger is registered with BigCommerce, so only it can receive an event.
  if (!saved) return null
  if (info.data?.publicUrl === null) {
    if (!explainUnreachable) return null
    return (
      <p className="alert alert-warning">
        Listen for an event cannot work yet: without PUBLIC_URL BigCommerce has no address to deliver to, so no event would arrive. Test
        Trigger shows a live sample from your store, or the documented sample, instead.
      </p>
    )
  }

  const event = eventDefinition(saved.config.event)
  const storeName = accounts.data?.find((account) => account.id === saved.config.accountId)?.storeName ?? 'your store'
  const announcement =
    state.status === 'starting'
      ? 'Starting to listen…'
      : state.status === 'listening'
        ? `Listening for ${event.label}. ${event.doInStore} in ${storeName} now.`
        : state.status === 'arrived'
          ? `A ${event.label} event arrived: ${subjectOf(state.delivery.payload)}. ${shownWhere}`
          : state.status === 'timed_out'
            ? `No ${event.label} event arrived within ${LISTEN_TIME}. Listen again, or use Test Trigger.`
            : state.status === 'cancelled'
              ? 'Stopped listening.'
              : ''

  // One element throughout, whose children change: the live region stays in place, so a screen
  // reader hears each change of the wait, and the panel shows its words rather than a second copy.
  return (
    <section className={active ? 'card-inset listen-panel stack-tight' : 'stack-tight'} aria-labelledby={active ? headingId : undefined}>
      {active ? (
        <h3 id={headingId}>Listen for an event</h3>
      ) : (
        <div className="button-row">
          <button ref={listenButton} type="button" className="button button-secondary" aria-describedby={hintId} onClick={listener.start}>
            Listen for an event
          </button>
          <p id={hintId} className="field-note">
            Waits up to {LISTEN_TIME} for {event.label} from {storeName}
            {automation.trigger.differsFromSaved ? ', as last saved' : ''}.
          </p>
        </div>
      )}
      <output className={active ? 'block listen-status' : 'muted block'}>{announcement}</output>
      {state.status === 'listening' && (
        <p>
          Time left: <Countdown deadline={state.deadline} />
        </p>
      )}
      {active && (
        <div className="button-row">
          <button ref={cancelButton} type="button" className="button button-secondary" onClick={listener.cancel}>
            Cancel
          </button>
        </div>
      )}
      {state.status === 'failed' && (
        <div className="alert alert-error">
          <p role="alert">Listening failed: {state.error.message}</p>
        </div>
      )}
    </section>
  )
}
