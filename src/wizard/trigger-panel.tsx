import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import type { Automation, TriggerDraft } from '../contract/api'
import { bigcommerceConnector } from '../connectors/bigcommerce'
import type { DraftWriter } from '../backend/draft-writer'
import { toBackendError } from '../backend/backend-error'
import { triggerKeys, useRevertTrigger } from '../backend/trigger-queries'
import { Tabs, type TabDefinition } from '../ui/tabs'
import { ChooseTriggerTab } from './choose-trigger-tab'
import { ConfigureTriggerForm } from './configure-trigger-form'
import { ConnectorStep } from './connector-step'
import { RevertPrompt } from './revert-prompt'
import { TestTriggerStep } from './test-trigger-step'
import { TriggerSummary } from './trigger-summary'

const connectors = [bigcommerceConnector] as const

const triggerTabs: readonly TabDefinition<'chooseTrigger' | 'configureTrigger'>[] = [
  { id: 'chooseTrigger', label: 'Choose Trigger' },
  { id: 'configureTrigger', label: 'Configure Trigger' },
]

type TriggerPanelProps = {
  automation: Automation
  writer: DraftWriter
  /** False shows the saved summary; the page owns it so its left navigation can start editing. */
  editing: boolean
  onEditingChange: (editing: boolean) => void
}

/** The trigger step: the saved summary, or the wizard at the draft's stage. */
export function TriggerPanel({ automation, writer, editing, onEditingChange }: TriggerPanelProps) {
  const trigger = automation.trigger
  const revert = useRevertTrigger(automation.id)
  const queryClient = useQueryClient()
  // Remounting the form is how reverted values replace what the user typed.
  const [formGeneration, setFormGeneration] = useState(0)
  // The draft comes from the cache, not the prop: the cache takes a write at once, while the
  // query's observers (and so the prop) hear of it a tick later. Configure Trigger flips `editing`
  // and writes the stage in one click, so the prop would still hold the stored stage (often
  // 'test') and show that step for a frame. For the same reason the form, remounted by a revert
  // before the observers hear of it, gets the reverted draft.
  const draft = queryClient.getQueryData<Automation>(triggerKeys.automation(automation.id))?.trigger.draft ?? trigger.draft
  const view = !editing && trigger.saved ? 'summary' : draft.stage

  // When the view changes because of the user, move focus to the new view's heading or tab,
  // so keyboard and screen reader users are not left on a button that no longer exists.
  const panelRef = useRef<HTMLElement>(null)
  const previousView = useRef(view)
  useEffect(() => {
    if (previousView.current === view) return
    previousView.current = view
    panelRef.current?.querySelector<HTMLElement>('[data-step-focus]')?.focus()
  }, [view])

  function goTo(next: Partial<TriggerDraft>) {
    void writer.write({ ...draft, ...next }, { immediate: true })
  }

  async function revertChanges() {
    await writer.discard()
    revert.mutate(undefined, { onSuccess: () => setFormGeneration((generation) => generation + 1) })
  }

  const heading = view === 'summary' ? 'Trigger' : view === 'test' ? 'Test Trigger' : 'Configure Trigger'

  return (
    <section ref={panelRef} id="trigger" className="card" aria-labelledby="trigger-heading">
      <h2 id="trigger-heading" tabIndex={-1} data-step-focus={view === 'chooseTrigger' || view === 'configureTrigger' ? undefined : ''}>
        {heading}
      </h2>
      {view !== 'summary' && trigger.saved && trigger.differsFromSaved && (
        <RevertPrompt
          onRevert={() => void revertChanges()}
          pending={revert.isPending}
          error={revert.isError ? toBackendError(revert.error) : null}
        />
      )}
      {writer.error && view !== 'summary' && (
        <div className="alert alert-error" role="alert">
          Your latest change is not stored yet: {writer.error.message}
        </div>
      )}

      {view === 'summary' && trigger.saved && (
        <TriggerSummary
          automation={automation}
          saved={trigger.saved}
          onReconfigure={() => {
            onEditingChange(true)
            goTo({ stage: 'configureTrigger' })
          }}
        />
      )}

      {view === 'connector' && (
        <ConnectorStep connectors={connectors} onPick={(connector) => goTo({ stage: 'chooseTrigger', connector: connector.id })} />
      )}

      {(view === 'chooseTrigger' || view === 'configureTrigger') && (
        <>
          <p className="muted">
            Connector: <strong>{bigcommerceConnector.name}</strong>{' '}
            <button type="button" className="button button-link" onClick={() => goTo({ stage: 'connector' })}>
              Change connector
            </button>
          </p>
          <Tabs
            label="Trigger setup"
            tabs={triggerTabs}
            selected={view}
            onSelect={(tab) => tab !== view && goTo({ stage: tab })}
            selectedTabAttributes={{ 'data-step-focus': '' }}
          >
            {view === 'chooseTrigger' ? (
              <ChooseTriggerTab
                connector={bigcommerceConnector}
                chosen={draft.trigger}
                onPick={(triggerId) => goTo({ stage: 'configureTrigger', connector: 'bigcommerce', trigger: triggerId })}
              />
            ) : draft.trigger === null ? (
              <div className="stack">
                <p>Choose a trigger first.</p>
                <div>
                  <button type="button" className="button button-secondary" onClick={() => goTo({ stage: 'chooseTrigger' })}>
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
                  return error ? `Could not continue: ${error.message}` : null
                }}
              />
            )}
          </Tabs>
        </>
      )}

      {view === 'test' && (
        <TestTriggerStep
          automation={automation}
          onBack={() => goTo({ stage: 'configureTrigger' })}
          onSaved={() => onEditingChange(false)}
        />
      )}
    </section>
  )
}
