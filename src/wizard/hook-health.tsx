import { useEffect, useState } from 'react'
import type { WebhookRegistration } from '../contract/trigger-config'
import type { HookStatus, TriggerHealth } from '../contract/trigger-health'
import { countOf } from '../contract/count-words'
import { toBackendError } from '../backend/backend-error'
import { useReconcileTrigger, useTriggerHealthQuery } from '../backend/trigger-queries'
import { formatTime } from '../ui/format-time'

/**
 * What BigCommerce holds for a saved trigger, as the reconciler last saw it: whether the hook is
 * there and active, whether our domain is denylisted, when events last came, and the one click
 * that fixes what can be fixed (Reactivate, Re-register). Rows of the summary's description list.
 */

const STATUS_WORDS: Record<HookStatus, { badge: string; ok: boolean; detail: string | null }> = {
  registered: { badge: 'Registered with BigCommerce', ok: true, detail: null },
  missing: {
    badge: 'Missing at BigCommerce',
    ok: false,
    detail: 'BigCommerce has no webhook for this trigger, so no events arrive. Re-register it.',
  },
  deactivated: {
    badge: 'Deactivated by BigCommerce',
    ok: false,
    detail:
      'BigCommerce switched this webhook off, as it does after 48 hours of failed deliveries or 90 days without events. Reactivate it.',
  },
  not_registered: { badge: 'Not registered', ok: false, detail: null },
  unknown: { badge: 'Not checked', ok: false, detail: 'The last look at BigCommerce did not finish.' },
}

/** "3 minutes left", to the nearest minute; BigCommerce counts the block in whole seconds. */
export function timeLeft(until: string, now: number): string {
  const minutes = Math.max(1, Math.round((Date.parse(until) - now) / 60_000))
  return minutes === 1 ? 'under a minute left' : `${countOf(minutes, { one: 'minute', other: 'minutes' })} left`
}

/** The time now, again every `intervalMs` while `ticking`, so a countdown stays true. */
function useNow(ticking: boolean, intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!ticking) return
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [ticking, intervalMs])
  return now
}

export function HookHealth({
  automationId,
  webhook,
  lastKnown,
}: {
  automationId: string
  /** What the save recorded: where the hook points, and why it is not registered when it is not. */
  webhook: WebhookRegistration
  /** The last check, as the automation carries it. */
  lastKnown: TriggerHealth
}) {
  const query = useTriggerHealthQuery(automationId, lastKnown)
  const reconcile = useReconcileTrigger(automationId)
  const health = query.data ?? lastKnown
  const now = useNow(health.blockedDomain !== null)
  const blocked = health.blockedDomain && Date.parse(health.blockedDomain.until) > now ? health.blockedDomain : null
  const words = STATUS_WORDS[health.status]
  const detail = health.status === 'not_registered' ? webhook.detail : words.detail
  const action = health.status === 'deactivated' ? 'Reactivate' : health.status === 'missing' ? 'Re-register' : null
  const actionPending = health.status === 'deactivated' ? 'Reactivating…' : 'Re-registering…'

  return (
    <>
      <div>
        <dt>Webhook</dt>
        <dd>
          <span className={words.ok ? 'badge badge-ok' : 'badge badge-warning'}>{words.badge}</span>
          {health.hookId !== null && health.status !== 'missing' && <> · hook {health.hookId}</>}
          {webhook.destination && (
            <>
              {' '}
              · <span className="mono">{webhook.destination}</span>
            </>
          )}
          {detail && <p className="muted">{detail}</p>}
          {health.problem && <p className="muted">The last check could not finish: {health.problem}</p>}
          {action && (
            <div className="button-row">
              <button type="button" className="button button-primary" disabled={reconcile.isPending} onClick={() => reconcile.mutate()}>
                {reconcile.isPending ? actionPending : action}
              </button>
            </div>
          )}
          {reconcile.isError && (
            <p className="field-error" role="alert">
              {action === 'Re-register' ? 'The webhook was not registered' : 'The webhook was not reactivated'}:{' '}
              {toBackendError(reconcile.error).message}
            </p>
          )}
          {/* Always rendered, so screen readers hear what a Reactivate or Re-register did. */}
          <output className="muted">{reconcile.isSuccess ? health.actions.join(' ') : ''}</output>
        </dd>
      </div>
      {blocked && (
        <div>
          <dt>Domain</dt>
          <dd>
            <span className="badge badge-warning">Blocklisted by BigCommerce</span> · {timeLeft(blocked.until, now)}, until{' '}
            <time dateTime={blocked.until}>{formatTime(blocked.until)}</time>
            <p className="muted">
              BigCommerce holds back deliveries to <span className="mono">{blocked.destination}</span> and sends them when the block ends.
              {blocked.reasons.length > 0 && <> Reason: {blocked.reasons.join(' ')}</>}
            </p>
          </dd>
        </div>
      )}
      <div>
        <dt>Last delivery</dt>
        <dd>{health.lastDeliveryAt ? <time dateTime={health.lastDeliveryAt}>{formatTime(health.lastDeliveryAt)}</time> : 'None yet'}</dd>
      </div>
      {health.lastRefusal && (
        <div>
          <dt>Last refused</dt>
          <dd>
            <time dateTime={health.lastRefusal.at}>{formatTime(health.lastRefusal.at)}</time> · {health.lastRefusal.reason}
            <p className="muted">
              BigCommerce counts a refused delivery as a failure: it sends it again for about 48 hours, then deactivates the webhook.
            </p>
          </dd>
        </div>
      )}
      <div>
        <dt>Last 24 hours</dt>
        <dd>{countOf(health.deliveriesLast24h, { one: 'delivery', other: 'deliveries' })}</dd>
      </div>
      <div>
        <dt>Last checked</dt>
        <dd>
          {health.lastCheckedAt ? <time dateTime={health.lastCheckedAt}>{formatTime(health.lastCheckedAt)}</time> : 'Not yet'}
          {/* Without a registration there is nothing at BigCommerce to look at. */}
          {health.status !== 'not_registered' && (
            <>
              {' '}
              <button type="button" className="button button-link" disabled={query.isFetching} onClick={() => void query.refetch()}>
                {query.isFetching ? 'Checking…' : 'Check now'}
              </button>
            </>
          )}
          {query.isError && (
            <p className="field-error" role="alert">
              BigCommerce could not be checked: {toBackendError(query.error).message}
            </p>
          )}
        </dd>
      </div>
    </>
  )
}
