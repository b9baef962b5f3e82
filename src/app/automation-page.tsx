import { Link, Outlet, useBlocker, useLocation, useNavigate, useParams, useRouter, useSearch } from '@tanstack/react-router'
import { useEffect, useMemo, useState, type MouseEvent } from 'react'
import type { Automation } from '../contract/automations'
import type { TriggerDraft } from '../contract/trigger-config'
import { toBackendError } from '../backend/backend-error'
import { useDraftWritePending, useDraftWriter } from '../backend/draft-writer'
import { useAutomationQuery } from '../backend/trigger-queries'
import { ModalDialog } from '../ui/modal-dialog'
import { OpenAutomationContext } from './automation-context'
import { DeleteAutomationDialog } from './delete-automation-dialog'
import { PageHeading } from './page-heading'
import { PageLayout } from './page-layout'

function draftHasContent(draft: TriggerDraft) {
  return draft.connector !== null || draft.trigger !== null || draft.accountId !== null || draft.event !== null || draft.headers.length > 0
}

/** One automation: left navigation of its steps, and the open step in the main area. */
export function AutomationPage() {
  const { automationId } = useParams({ from: '/automations/$automationId' })
  const automation = useAutomationQuery(automationId)
  if (automation.data) return <AutomationView key={automationId} automation={automation.data} />
  return (
    <PageLayout narrow>
      {automation.isError ? (
        <>
          <PageHeading>Automation not available</PageHeading>
          <p role="alert">{toBackendError(automation.error).message}</p>
        </>
      ) : (
        <output>Loading automation…</output>
      )}
    </PageLayout>
  )
}

function AutomationView({ automation }: { automation: Automation }) {
  const writer = useDraftWriter(automation.id)
  const hasPending = useDraftWritePending(automation.id)
  const trigger = automation.trigger
  const { dialog } = useSearch({ from: '/automations/$automationId' })
  const navigate = useNavigate({ from: '/automations/$automationId' })
  const basePath = `/automations/${encodeURIComponent(automation.id)}`

  useEffect(() => {
    document.title = `${automation.name} · Automations`
  }, [automation.name])

  // The one leave guard, the router's blocker: asked at the moment of leaving, for an in-app
  // link, Back and Forward alike; moves between this automation's own places never ask. The move
  // is held, and for Back and Forward undone, so the address matches the page while the user
  // decides; Leave makes it again. Closing the tab or reloading gets the browser's own prompt, as
  // a page cannot show a dialog then. That one lets a never-saved draft go: nothing is in effect
  // yet, and a reload brings it back as it was.
  const router = useRouter()
  const [heldMove, setHeldMove] = useState<(() => void) | null>(null)
  useBlocker({
    shouldBlockFn: ({ next, action }) => {
      if (next.pathname === basePath || next.pathname.startsWith(`${basePath}/`)) return false
      const latest = writer.current() ?? automation
      const mustAsk =
        latest.trigger.differsFromSaved || hasPending() || (latest.trigger.saved === null && draftHasContent(latest.trigger.draft))
      if (!mustAsk) return false
      const href = `${next.pathname}${router.options.stringifySearch(next.search)}`
      setHeldMove(() => () => {
        if (action === 'BACK' || action === 'FORWARD') router.history.go(action === 'BACK' ? -1 : 1, { ignoreBlocker: true })
        else void router.navigate({ href, replace: action === 'REPLACE', ignoreBlocker: true })
      })
      return true
    },
    enableBeforeUnload: () => hasPending() || (writer.current() ?? automation).trigger.differsFromSaved,
  })
  const stay = () => setHeldMove(null)
  const leave = () => {
    setHeldMove(null)
    heldMove?.()
  }

  // The step link opens the wizard from the summary, and elsewhere in the wizard stays put; from
  // another of the automation's pages it returns to the step as on arrival.
  const location = useLocation()
  const onStep = location.pathname === basePath || location.pathname === `${basePath}/`
  const stepSearch = onStep ? (location.search.tab ? location.search : { tab: 'configure' as const }) : {}

  const setDialog = (next: 'delete' | undefined) => void navigate({ search: (previous) => ({ ...previous, dialog: next }), replace: true })
  const open = useMemo(() => ({ automation, writer }), [automation, writer])

  function configureTrigger(event: MouseEvent<HTMLAnchorElement>) {
    // The move itself is the link's; focus goes to the step, as after any move of the wizard.
    if (event.button === 0) document.getElementById('trigger-heading')?.focus()
  }

  const steps = (
    <nav aria-label="Automation steps">
      <p className="side-nav-title">Steps</p>
      <ol>
        <li>
          <Link
            to="/automations/$automationId"
            params={{ automationId: automation.id }}
            search={stepSearch}
            replace={onStep}
            // Current (aria-current, the router's) only while the step is shown, not on the trigger's page below it.
            activeOptions={{ exact: true, includeSearch: false }}
            className="side-nav-link"
            onClick={configureTrigger}
          >
            Configure Trigger
          </Link>
          <span className="side-nav-status">
            {trigger.saved ? (trigger.differsFromSaved ? 'Unsaved changes' : 'Saved') : 'Not saved yet'}
          </span>
        </li>
        <li>
          <Link to="/automations/$automationId/trigger" params={{ automationId: automation.id }} className="side-nav-link">
            Versions and deliveries
          </Link>
        </li>
      </ol>
    </nav>
  )

  return (
    <OpenAutomationContext value={open}>
      <PageLayout nav={steps}>
        <div className="page-title-row">
          <PageHeading>{automation.name}</PageHeading>
          <button type="button" className="button button-ghost" onClick={() => setDialog('delete')}>
            Delete automation
          </button>
        </div>
        <Outlet />
      </PageLayout>
      {heldMove && (
        <ModalDialog title="Leave without saving?" onClose={stay} initialFocusId="leave-stay">
          <p>The trigger has changes that are not saved. If you leave now, they stay as a draft but are not in effect.</p>
          <div className="button-row">
            <button type="button" className="button button-danger" onClick={leave}>
              Leave
            </button>
            <button id="leave-stay" type="button" className="button button-secondary" onClick={stay}>
              Stay
            </button>
          </div>
        </ModalDialog>
      )}
      {dialog === 'delete' && (
        <DeleteAutomationDialog automationId={automation.id} beforeDelete={writer.flush} onClose={() => setDialog(undefined)} />
      )}
    </OpenAutomationContext>
  )
}
