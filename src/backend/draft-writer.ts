import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Automation, TriggerDraft } from '../contract/api'
import type { BackendError } from '../contract/errors'
import { toBackendError } from './backend-error'
import { useBackend } from './backend-context'
import { triggerKeys } from './trigger-queries'

const DRAFT_WRITE_DELAY_MS = 400

export type DraftWriter = {
  /** Shows `draft` at once and writes it to the backend after a pause (or now, if `immediate`). */
  write: (draft: TriggerDraft, options?: WriteOptions) => Promise<BackendError | null>
  /** Sends a waiting write now; resolves with the error of the last write, if any. */
  flush: () => Promise<BackendError | null>
  /** Drops a waiting write and waits for the one in flight (before a revert replaces the draft). */
  discard: () => Promise<void>
  /** True while a change has not yet reached the backend. */
  hasPending: () => boolean
  error: BackendError | null
}

export type WriteOptions = {
  /** Write now instead of after the pause. */
  immediate?: boolean
  /**
   * Show the draft before the backend has it (the default). Off for moves that must not
   * happen unless stored, like Proceed: on failure the user stays where they were.
   */
  optimistic?: boolean
}

/**
 * Keeps the backend's draft in step with the form, so an unsaved draft survives a reload.
 * Writes are debounced and run one at a time, in order, so an older answer never lands
 * after a newer edit.
 */
export function useDraftWriter(automationId: string): DraftWriter {
  const backend = useBackend()
  const queryClient = useQueryClient()
  const [error, setError] = useState<BackendError | null>(null)
  const state = useRef({
    pending: null as TriggerDraft | null,
    timer: undefined as ReturnType<typeof setTimeout> | undefined,
    chain: Promise.resolve<BackendError | null>(null),
    inFlight: 0,
  })

  const flush = useCallback((): Promise<BackendError | null> => {
    const current = state.current
    clearTimeout(current.timer)
    current.timer = undefined
    const draft = current.pending
    if (!draft) return current.chain
    current.pending = null
    current.inFlight += 1
    current.chain = current.chain.then(async () => {
      try {
        const automation = await backend.updateTriggerDraft({ automationId, draft })
        const key = triggerKeys.automation(automationId)
        if (current.pending) {
          // A newer edit is waiting: keep the local draft, take only what the backend computes.
          queryClient.setQueryData(key, (old: Automation | undefined) =>
            old ? { ...old, trigger: { ...old.trigger, differsFromSaved: automation.trigger.differsFromSaved } } : automation,
          )
        } else {
          queryClient.setQueryData(key, automation)
        }
        setError(null)
        return null
      } catch (caught) {
        const failure = toBackendError(caught)
        setError(failure)
        return failure
      } finally {
        current.inFlight -= 1
      }
    })
    return current.chain
  }, [automationId, backend, queryClient])

  const write = useCallback(
    (draft: TriggerDraft, options: WriteOptions = {}) => {
      const current = state.current
      if (options.optimistic !== false) {
        queryClient.setQueryData(triggerKeys.automation(automationId), (old: Automation | undefined) =>
          old ? { ...old, trigger: { ...old.trigger, draft } } : old,
        )
      }
      current.pending = draft
      if (options.immediate) return flush()
      clearTimeout(current.timer)
      current.timer = setTimeout(() => void flush(), DRAFT_WRITE_DELAY_MS)
      return current.chain
    },
    [automationId, flush, queryClient],
  )

  const discard = useCallback(async () => {
    const current = state.current
    clearTimeout(current.timer)
    current.timer = undefined
    current.pending = null
    await current.chain
  }, [])

  const hasPending = useCallback(() => state.current.pending !== null || state.current.inFlight > 0, [])

  // Leaving the page must not lose the last keystrokes.
  useEffect(() => () => void flush(), [flush])

  useEffect(() => {
    function onBeforeUnload(event: BeforeUnloadEvent) {
      // Asks, as the in-app leave dialog does, while an edit is on its way or the stored draft
      // differs from the saved trigger (it survives a reload but is not in effect). Unlike that
      // dialog it lets a never-saved draft go: nothing is in effect yet and a reload brings it
      // back as it was. The cache is read at the moment of leaving; every write updates it.
      const automation = queryClient.getQueryData<Automation>(triggerKeys.automation(automationId))
      if (!hasPending() && !automation?.trigger.differsFromSaved) return
      event.preventDefault()
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [automationId, hasPending, queryClient])

  return useMemo(() => ({ write, flush, discard, hasPending, error }), [write, flush, discard, hasPending, error])
}
