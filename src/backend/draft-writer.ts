import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import type { Automation } from '../contract/automations'
import type { TriggerDraft } from '../contract/trigger-config'
import type { BackendError } from '../contract/errors'
import { toBackendError } from './backend-error'
import { useBackend } from './backend-context'
import { triggerKeys } from './trigger-queries'

const DRAFT_WRITE_DELAY_MS = 400

export type DraftWriter = {
  /** The automation with the draft as the user last left it: the cache takes every write at once. */
  current: () => Automation | undefined
  /** Shows `draft` at once and writes it to the backend after a pause (or now, if `immediate`). */
  write: (draft: TriggerDraft, options?: WriteOptions) => Promise<BackendError | null>
  /** Sends a waiting write now; resolves with the error of the last write, if any. */
  flush: () => Promise<BackendError | null>
  /** Drops a waiting write and waits for the one in flight (before a revert replaces the draft). */
  discard: () => Promise<void>
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

type DraftWrite = { draft: TriggerDraft; serial: number; immediate: boolean; optimistic: boolean }

/** What a write that a newer one replaced resolves with: it never reached the backend. */
const SUPERSEDED = null

/** True while a change to this automation's draft has not yet reached the backend. */
export function useDraftWritePending(automationId: string): () => boolean {
  const queryClient = useQueryClient()
  return useCallback(() => queryClient.isMutating({ mutationKey: triggerKeys.draftWrites(automationId) }) > 0, [automationId, queryClient])
}

/**
 * Keeps the backend's draft in step with the form, so an unsaved draft survives a reload. Every
 * write is a mutation in one scope per automation, so they run one at a time, in order, and an
 * older answer never lands after a newer edit. A write waits a pause first; a newer write in that
 * pause replaces it, so typing sends one request, not one per key.
 */
export function useDraftWriter(automationId: string): DraftWriter {
  const backend = useBackend()
  const queryClient = useQueryClient()
  const key = useMemo(() => triggerKeys.automation(automationId), [automationId])
  const state = useRef({ serial: 0, last: Promise.resolve<BackendError | null>(null), wake: () => {} })

  const mutation = useMutation({
    mutationKey: triggerKeys.draftWrites(automationId),
    scope: { id: triggerKeys.draftWrites(automationId).join('/') },
    onMutate: ({ draft, optimistic }: DraftWrite) => {
      if (optimistic)
        queryClient.setQueryData(key, (old: Automation | undefined) => (old ? { ...old, trigger: { ...old.trigger, draft } } : old))
    },
    mutationFn: async ({ draft, serial, immediate }: DraftWrite) => {
      if (!immediate && serial === state.current.serial) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, DRAFT_WRITE_DELAY_MS)
          state.current.wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
      }
      if (serial !== state.current.serial) return SUPERSEDED
      return backend.updateTriggerDraft({ automationId, draft })
    },
    onSuccess: (automation, { serial }) => {
      if (!automation) return
      if (serial !== state.current.serial) {
        // A newer edit is waiting: keep the local draft, take only what the backend computes.
        queryClient.setQueryData(key, (old: Automation | undefined) =>
          old ? { ...old, trigger: { ...old.trigger, differsFromSaved: automation.trigger.differsFromSaved } } : automation,
        )
      } else {
        // A draft write answers no health (it changes none): the one shown stays.
        queryClient.setQueryData(key, (old: Automation | undefined) =>
          automation.trigger.health === undefined && old?.trigger.health !== undefined
            ? { ...automation, trigger: { ...automation.trigger, health: old.trigger.health } }
            : automation,
        )
      }
    },
  })
  const { mutateAsync } = mutation

  const write = useCallback(
    (draft: TriggerDraft, options: WriteOptions = {}) => {
      const current = state.current
      current.serial += 1
      // The write waiting out its pause is replaced by this one: let it end now.
      current.wake()
      const serial = current.serial
      current.last = mutateAsync({ draft, serial, immediate: options.immediate ?? false, optimistic: options.optimistic ?? true }).then(
        () => null,
        (caught: unknown) => toBackendError(caught),
      )
      return current.last
    },
    [mutateAsync],
  )

  const flush = useCallback(() => {
    state.current.wake()
    return state.current.last
  }, [])

  const discard = useCallback(async () => {
    // A new number outdates the waiting write, which then ends without being sent.
    state.current.serial += 1
    state.current.wake()
    await state.current.last
  }, [])

  const current = useCallback(() => queryClient.getQueryData<Automation>(key), [key, queryClient])

  // Leaving the page must not lose the last keystrokes.
  useEffect(() => () => void flush(), [flush])

  // Only a write that reached the backend and failed is shown; the next write may well succeed.
  const error = mutation.isError ? toBackendError(mutation.error) : null
  return useMemo(() => ({ current, write, flush, discard, error }), [current, write, flush, discard, error])
}
