import { useNavigate, useSearch } from '@tanstack/react-router'
import { useEffect, useMemo } from 'react'
import { PlaceProvider, type PlaceStore } from '../ui/place-state'
import { TriggerPanel, type TriggerView } from '../wizard/trigger-panel'
import { stageOf, tabOf } from '../wizard/trigger-tabs'
import { useOpenAutomation } from './automation-context'

/**
 * The trigger step, where the URL says: `?tab=` names the wizard's place, and without it a saved
 * trigger shows its summary. The rest of the place (an open dialog, the output's tab and view)
 * is in the URL too, so a reload or Back and Forward come back to it.
 */
export function TriggerStep() {
  const { automation, writer } = useOpenAutomation()
  const search = useSearch({ from: '/automations/$automationId/' })
  const navigate = useNavigate({ from: '/automations/$automationId/' })
  // The cache, not the prop: it takes a save at once, so Save and Exit lands on the summary.
  const trigger = (writer.current() ?? automation).trigger
  // Without a place, arrival: a saved and unchanged trigger shows its summary, anything else the
  // wizard where the draft was left. After that only the user's moves change it (a revert must
  // not whisk the form away), as each names its place in the URL.
  const view: TriggerView = search.tab ?? (trigger.saved && !trigger.differsFromSaved ? 'summary' : tabOf(trigger.draft.stage))

  useEffect(() => {
    // The address names the place, so a reload stays in it whatever happens to the draft.
    if (search.tab === undefined && view !== 'summary') void navigate({ search: (previous) => ({ ...previous, tab: view }), replace: true })
  }, [navigate, search.tab, view])

  useEffect(() => {
    // The draft remembers the wizard's place too, so the automation reopens there from the list.
    const draft = writer.current()?.trigger.draft
    if (view !== 'summary' && draft && draft.stage !== stageOf(view))
      void writer.write({ ...draft, stage: stageOf(view) }, { immediate: true })
  }, [view, writer])

  const place = useMemo<PlaceStore>(
    () => ({
      read: (key) => {
        const value: unknown = (search as Record<string, unknown>)[key]
        return typeof value === 'string' ? value : undefined
      },
      // In-page moves replace the entry: Back leaves the page, as before there were addresses.
      write: (key, value) => void navigate({ search: (previous) => ({ ...previous, [key]: value }), replace: true }),
    }),
    [navigate, search],
  )

  return (
    <PlaceProvider store={place}>
      <TriggerPanel
        automation={automation}
        writer={writer}
        view={view}
        onViewChange={(next) => void navigate({ search: next === 'summary' ? {} : { tab: next }, replace: true })}
      />
    </PlaceProvider>
  )
}
