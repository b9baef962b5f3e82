import { useEffect, useState, type MouseEvent } from 'react'
import type { Automation, TriggerDraft } from '../contract/api'
import { toBackendError } from '../backend/backend-error'
import { useDraftWriter } from '../backend/draft-writer'
import { useAutomationQuery } from '../backend/trigger-queries'
import { ModalDialog } from '../ui/modal-dialog'
import { TriggerPanel } from '../wizard/trigger-panel'
import { DeleteAutomationDialog } from './delete-automation-dialog'
import { PageHeading } from './page-heading'
import { Link, useLeaveGuard } from './router'

function draftHasContent(draft: TriggerDraft) {
  return draft.connector !== null || draft.trigger !== null || draft.accountId !== null || draft.event !== null || draft.headers.length > 0
}

/** The way back to the list, the same whether the automation loaded or not. */
function BackLink() {
  return (
    <p>
      <Link href="/" className="back-link">
        <span aria-hidden="true">← </span>Automations
      </Link>
    </p>
  )
}

/** One automation: left navigation of its steps, and the trigger step in the main area. */
export function AutomationPage({ automationId }: { automationId: string }) {
  const automation = useAutomationQuery(automationId)
  if (automation.data) return <AutomationView automation={automation.data} />
  return (
    <main id="main" className="page page-narrow" tabIndex={-1}>
      <BackLink />
      {automation.isError ? (
        <>
          <PageHeading>Automation not available</PageHeading>
          <p role="alert">{toBackendError(automation.error).message}</p>
        </>
      ) : (
        <output>Loading automation…</output>
      )}
    </main>
  )
}

function AutomationView({ automation }: { automation: Automation }) {
  const writer = useDraftWriter(automation.id)
  const trigger = automation.trigger
  // On arrival a saved and unchanged trigger shows its summary, anything else the wizard; after
  // that only the user's actions switch (a revert must not whisk the form away).
  const [editing, setEditing] = useState(() => trigger.saved === null || trigger.differsFromSaved)
  const [confirmingDelete, setConfirmingDelete] = useState(false)

  useEffect(() => {
    document.title = `${automation.name} · Automations`
  }, [automation.name])

  // Asked at the moment of leaving, by the Automations link and by Back and Forward alike.
  const leaving = useLeaveGuard(
    () => trigger.differsFromSaved || writer.hasPending() || (trigger.saved === null && draftHasContent(trigger.draft)),
  )

  function configureTrigger(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault()
    if (!editing) {
      setEditing(true)
      void writer.write({ ...trigger.draft, stage: 'configureTrigger' }, { immediate: true })
    }
    document.getElementById('trigger-heading')?.focus()
  }

  return (
    <div className="automation-layout">
      <nav aria-label="Automation steps" className="side-nav">
        <p className="side-nav-title">Steps</p>
        <ol>
          <li>
            <a href="#trigger" className="side-nav-link" aria-current="step" onClick={configureTrigger}>
              Configure Trigger
            </a>
            <span className="side-nav-status">{trigger.saved ? (trigger.differsFromSaved ? 'Unsaved changes' : 'Saved') : 'Not saved yet'}</span>
          </li>
        </ol>
      </nav>
      <main id="main" className="page" tabIndex={-1}>
        <BackLink />
        <div className="page-title-row">
          <PageHeading>{automation.name}</PageHeading>
          <button type="button" className="button button-ghost" onClick={() => setConfirmingDelete(true)}>
            Delete automation
          </button>
        </div>
        <TriggerPanel automation={automation} writer={writer} editing={editing} onEditingChange={setEditing} />
      </main>
      {leaving.asking && (
        <ModalDialog title="Leave without saving?" onClose={leaving.stay} initialFocusId="leave-stay">
          <p>The trigger has changes that are not saved. If you leave now, they stay as a draft but are not in effect.</p>
          <div className="button-row">
            <button
              type="button"
              className="button button-danger"
              onClick={leaving.leave}
            >
              Leave
            </button>
            <button id="leave-stay" type="button" className="button button-secondary" onClick={leaving.stay}>
              Stay
            </button>
          </div>
        </ModalDialog>
      )}
      {confirmingDelete && (
        <DeleteAutomationDialog automationId={automation.id} beforeDelete={writer.flush} onClose={() => setConfirmingDelete(false)} />
      )}
    </div>
  )
}
