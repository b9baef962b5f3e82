import { useEffect, useRef, useState } from 'react'
import type { Automation } from '../contract/automations'
import type { TriggerDraft } from '../contract/trigger-config'
import { bigcommerceConnector } from '../connectors/bigcommerce'
import type { DraftWriter } from '../backend/draft-writer'
import { toBackendError } from '../backend/backend-error'
import { useRevertTrigger } from '../backend/trigger-queries'
import { FormError } from '../ui/field-error'
import { Tabs, type TabDefinition } from '../ui/tabs'
import { ChooseTriggerTab } from './choose-trigger-tab'
import { ConfigureTriggerForm } from './configure-trigger-form'
import { ConnectorStep } from './connector-step'
import { RevertPrompt } from './revert-prompt'
import { TestTriggerStep } from './test-trigger-step'
import { TriggerSummary } from './trigger-summary'
import { stageOf, type TriggerTab } from './trigger-tabs'

const connectors = [bigcommerceConnector] as const

const setupTabs: readonly TabDefinition<'choose' | 'configure'>[] = [
  { id: 'choose', label: 'Choose Trigger' },
  { id: 'configure', label: 'Configure Trigger' },
]

/** Where the trigger step is: the saved summary, or one of the wizard's places. */
export type TriggerView = TriggerTab | 'summary'

type TriggerPanelProps = {
  automation: Automation
  writer: DraftWriter
  /** The page keeps it (in the URL), so its left navigation can move the wizard too. */
  view: TriggerView
  onViewChange: (view: TriggerView) => void
}

/** The trigger step: the saved summary, or the wizard at one of its places. */
export function TriggerPanel({ automation, writer, view, onViewChange }: TriggerPanelProps) {
  const trigger = automation.trigger
  const revert = useRevertTrigger(automation.id)
  // Remounting the form is how reverted values replace what the user typed.
  const [formGeneration, setFormGeneration] = useState(0)
  // The draft as last written, not the prop: the writer's cache takes a write at once, while the
  // query's observers (and so the prop) hear of it a tick later. So the form, remounted by a
  // revert before the observers hear of it, gets the reverted draft.
  const draft = writer.current()?.trigger.draft ?? trigger.draft

  // When the view changes because of the user, move focus to the new view's heading or tab,
  // so keyboard and screen reader users are not left on a button that no longer exists.
  const panelRef = useRef<HTMLElement>(null)
  const previousView = useRef(view)
  useEffect(() => {
    if (previousView.current === view) return
    previousView.current = view
    panelRef.current?.querySelector<HTMLElement>('[data-step-focus]')?.focus()
  }, [view])

  /** Moves the wizard, storing where it is, so the automation reopens there. */
  function goTo(next: TriggerTab, changes: Partial<TriggerDraft> = {}) {
    void writer.write({ ...draft, ...changes, stage: stageOf(next) }, { immediate: true })
    onViewChange(next)
  }

  async function revertChanges() {
    await writer.discard()
    revert.mutate(undefined, { onSuccess: () => setFormGeneration((generation) => generation + 1) })
  }

  const heading = view === 'summary' ? 'Trigger' : view === 'test' ? 'Test Trigger' : 'Configure Trigger'

  return (
    <section ref={panelRef} id="trigger" className="card" aria-labelledby="trigger-heading">
      <h2 id="trigger-heading" tabIndex={-1} data-step-focus={view === 'choose' || view === 'configure' ? undefined : ''}>
        {heading}
      </h2>
      {view !== 'summary' && trigger.saved && trigger.differsFromSaved && (
        <RevertPrompt
          draft={draft}
          saved={trigger.saved}
          restoredFrom={trigger.draftRestoredFrom ?? null}
          onRevert={() => void revertChanges()}
          pending={revert.isPending}
          error={revert.isError ? toBackendError(revert.error) : null}
        />
      )}
      <FormError message={writer.error && view !== 'summary' ? `Your latest change is not stored yet: ${writer.error.message}` : null} />

      {view === 'summary' && trigger.saved && (
        <TriggerSummary automation={automation} saved={trigger.saved} onReconfigure={() => goTo('configure')} />
      )}

      {view === 'connector' && (
        <ConnectorStep connectors={connectors} onPick={(connector) => goTo('choose', { connector: connector.id })} />
      )}

      {(view === 'choose' || view === 'configure') && (
        <>
          <p className="muted">
            Connector: <strong>{bigcommerceConnector.name}</strong>{' '}
            <button type="button" className="button button-link" onClick={() => goTo('connector')}>
              Change connector
            </button>
          </p>
          <Tabs
            label="Trigger setup"
            tabs={setupTabs}
            selected={view}
            onSelect={(tab) => tab !== view && goTo(tab)}
            selectedTabAttributes={{ 'data-step-focus': '' }}
          >
            {view === 'choose' ? (
              <ChooseTriggerTab
                connector={bigcommerceConnector}
                chosen={draft.trigger}
                onPick={(triggerId) => goTo('configure', { connector: 'bigcommerce', trigger: triggerId })}
              />
            ) : draft.trigger === null ? (
              <div className="stack">
                <p>Choose a trigger first.</p>
                <div>
                  <button type="button" className="button button-secondary" onClick={() => goTo('choose')}>
                    Go to Choose Trigger
                  </button>
                </div>
              </div>
            ) : (
              <ConfigureTriggerForm
                key={formGeneration}
                connector={bigcommerceConnector}
                draft={draft}
                onDraftChange={(next) => void writer.write(next)}
                onProceed={async (next) => {
                  const error = await writer.write(next, { immediate: true, optimistic: false })
                  if (error) return `Could not continue: ${error.message}`
                  onViewChange('test')
                  return null
                }}
              />
            )}
          </Tabs>
        </>
      )}

      {view === 'test' && (
        <TestTriggerStep automation={automation} onBack={() => goTo('configure')} onSaved={() => onViewChange('summary')} />
      )}
    </section>
  )
}
