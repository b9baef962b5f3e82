import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  type Account,
  type AuthorizeAccountRequest,
  type RenameAccountRequest,
  type ReplaceAccountTokenRequest,
} from '../contract/accounts'
import { type Automation, type CreateAutomationRequest } from '../contract/automations'
import { DELIVERY_LOG_PAGE_SIZE, type DeliveryQuery } from '../contract/deliveries'
import { type TriggerHealth } from '../contract/trigger-health'
import { type VersionRef } from '../contract/versions'
import { BackendError } from '../contract/errors'
import type { Callback } from '../contract/events'
import { useBackend } from './backend-context'
import type { TriggerBackend } from './trigger-backend'

/** One hierarchy, so invalidating `automations()` refreshes the list and every detail. */
export const triggerKeys = {
  all: ['trigger'] as const,
  info: () => [...triggerKeys.all, 'info'] as const,
  automations: () => [...triggerKeys.all, 'automations'] as const,
  automationList: () => [...triggerKeys.automations(), 'list'] as const,
  automation: (automationId: string) => [...triggerKeys.automations(), 'detail', automationId] as const,
  accounts: () => [...triggerKeys.all, 'accounts'] as const,
  // A mutation key: the draft writes of one automation, which run one at a time.
  draftWrites: (automationId: string) => [...triggerKeys.all, 'draft-writes', automationId] as const,
  // Apart from `automations()`, so storing or refreshing an automation leaves these be.
  deliveries: (automationId: string) => [...triggerKeys.all, 'deliveries', automationId] as const,
  // Under `deliveries`, so what refreshes the output's picker refreshes the log too.
  deliveryLog: (automationId: string, filters: DeliveryFilters) => [...triggerKeys.deliveries(automationId), 'log', filters] as const,
  delivery: (automationId: string, deliveryId: string) => [...triggerKeys.all, 'delivery', automationId, deliveryId] as const,
  resources: (automationId: string) => [...triggerKeys.all, 'resources', automationId] as const,
  // Apart too: each fetch asks BigCommerce, which a draft write or a save has no reason to do.
  health: (automationId: string) => [...triggerKeys.all, 'health', automationId] as const,
  versions: (automationId: string) => [...triggerKeys.all, 'versions', automationId] as const,
  versionList: (automationId: string) => [...triggerKeys.versions(automationId), 'list'] as const,
  diff: (automationId: string, from: VersionRef, to: VersionRef) => [...triggerKeys.versions(automationId), 'diff', from, to] as const,
  // The whole payload, not BigCommerce's `hash` (it covers `data` only, so the documented sample has
  // the same one in every store). react-query hashes keys with object keys sorted, so equal
  // payloads share an entry whatever order their keys came in.
  resource: (automationId: string, payload: Callback) => [...triggerKeys.resources(automationId), payload] as const,
}

export function infoQueryOptions(backend: TriggerBackend) {
  return queryOptions({
    queryKey: triggerKeys.info(),
    // Not cancelled when a view unmounts mid-fetch (no signal): the answer is tiny and kept for
    // the session, and a step that mounts and unmounts at once would otherwise abort it.
    queryFn: () => backend.getInfo(),
    staleTime: Infinity,
  })
}

export function automationsQueryOptions(backend: TriggerBackend) {
  return queryOptions({
    queryKey: triggerKeys.automationList(),
    queryFn: ({ signal }) => backend.listAutomations(undefined, { signal }),
  })
}

export function automationQueryOptions(backend: TriggerBackend, automationId: string) {
  return queryOptions({
    queryKey: triggerKeys.automation(automationId),
    queryFn: ({ signal }) => backend.getAutomation({ automationId }, { signal }),
    // The draft is edited locally and written back; a background refetch would race with typing.
    refetchOnWindowFocus: false,
  })
}

export function accountsQueryOptions(backend: TriggerBackend) {
  return queryOptions({
    queryKey: triggerKeys.accounts(),
    queryFn: ({ signal }) => backend.listAccounts(undefined, { signal }),
  })
}

export function deliveriesQueryOptions(backend: TriggerBackend, automationId: string) {
  return queryOptions({
    queryKey: triggerKeys.deliveries(automationId),
    // Not cancelled on unmount either: a short list, and Save and Exit right after a test would
    // otherwise throw away an answer the next visit to the step wants.
    queryFn: () => backend.listTriggerDeliveries({ automationId }),
  })
}

/** What the delivery log filters by; the page's cursor and size are the query's own. */
export type DeliveryFilters = Pick<DeliveryQuery, 'event' | 'from' | 'to' | 'search'>

/** The delivery log, newest first, `DELIVERY_LOG_PAGE_SIZE` at a time; each next page follows the last one's cursor. */
export function deliveryLogQueryOptions(backend: TriggerBackend, automationId: string, filters: DeliveryFilters) {
  return infiniteQueryOptions({
    queryKey: triggerKeys.deliveryLog(automationId, filters),
    queryFn: ({ pageParam, signal }) =>
      backend.listTriggerDeliveries(
        { automationId, ...filters, limit: DELIVERY_LOG_PAGE_SIZE, ...(pageParam === undefined ? {} : { cursor: pageParam }) },
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })
}

export function deliveryQueryOptions(backend: TriggerBackend, automationId: string, deliveryId: string) {
  return queryOptions({
    queryKey: triggerKeys.delivery(automationId, deliveryId),
    queryFn: ({ signal }) => backend.getTriggerDelivery({ automationId, deliveryId }, { signal }),
    // A stored delivery does not change but for its duplicate count.
    staleTime: 60_000,
    retry: (failures, error) => !(error instanceof BackendError && error.code === 'not_found') && failures < 2,
  })
}

/** A check asks BigCommerce twice (the hooks, the denylist); seconds-old is fresh enough. */
const HEALTH_STALE_MS = 30_000

/**
 * The saved trigger's health, looked up at BigCommerce. It starts from the last check the
 * automation carries, dated when that check ran, so opening a just-saved trigger asks nothing.
 */
export function triggerHealthQueryOptions(backend: TriggerBackend, automationId: string, lastKnown?: TriggerHealth | null) {
  const checkedAt = lastKnown?.lastCheckedAt ? Date.parse(lastKnown.lastCheckedAt) : Number.NaN
  return queryOptions({
    queryKey: triggerKeys.health(automationId),
    queryFn: ({ signal }) => backend.getTriggerHealth({ automationId }, { signal }),
    staleTime: HEALTH_STALE_MS,
    initialData: lastKnown ?? undefined,
    // Never later than now: a server clock ahead of the browser's would keep the data fresh for ever.
    initialDataUpdatedAt: Number.isNaN(checkedAt) ? 0 : Math.min(checkedAt, Date.now()),
  })
}

/** The saved versions, newest first, a page (`VERSIONS_PAGE_SIZE`) at a time. */
export function versionsQueryOptions(backend: TriggerBackend, automationId: string) {
  return infiniteQueryOptions({
    queryKey: triggerKeys.versionList(automationId),
    queryFn: ({ pageParam, signal }) => backend.listTriggerVersions({ automationId, before: pageParam }, { signal }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  })
}

export function diffQueryOptions(backend: TriggerBackend, automationId: string, from: VersionRef, to: VersionRef) {
  return queryOptions({
    queryKey: triggerKeys.diff(automationId, from, to),
    queryFn: ({ signal }) => backend.diffTriggerVersions({ automationId, from, to }, { signal }),
    // Versions never change, so neither does their diff; only the draft's does.
    staleTime: from === 'draft' || to === 'draft' ? 0 : Infinity,
  })
}

/** Asking again cannot help when the record is gone, the token lacks a scope or the payload is wrong. */
const finalResourceErrors = new Set(['not_found', 'missing_scope', 'validation_failed', 'incomplete_trigger'])

export function resourceQueryOptions(backend: TriggerBackend, automationId: string, payload: Callback) {
  return queryOptions({
    queryKey: triggerKeys.resource(automationId, payload),
    queryFn: ({ signal }) => backend.fetchTriggerResource({ automationId, payload }, { signal }),
    // A record changes rarely while someone looks at it; switching tabs should not fetch it again.
    staleTime: 5 * 60_000,
    retry: (failures, error) => !(error instanceof BackendError && finalResourceErrors.has(error.code)) && failures < 2,
  })
}

export function useInfoQuery() {
  return useQuery(infoQueryOptions(useBackend()))
}

export function useAutomationsQuery() {
  return useQuery(automationsQueryOptions(useBackend()))
}

export function useAutomationQuery(automationId: string) {
  return useQuery(automationQueryOptions(useBackend(), automationId))
}

export function useAccountsQuery() {
  return useQuery(accountsQueryOptions(useBackend()))
}

/**
 * The Accounts page's list. Which automations use an account changes with any draft, and the
 * cache is not told, so the page asks again whenever it opens.
 */
export function useAccountListQuery() {
  return useQuery({ ...accountsQueryOptions(useBackend()), refetchOnMount: 'always' })
}

export function useDeliveriesQuery(automationId: string) {
  return useQuery(deliveriesQueryOptions(useBackend(), automationId))
}

export function useDeliveryLogQuery(automationId: string, filters: DeliveryFilters) {
  return useInfiniteQuery(deliveryLogQueryOptions(useBackend(), automationId, filters))
}

export function useDeliveryQuery(automationId: string, deliveryId: string | undefined) {
  const backend = useBackend()
  return useQuery({ ...deliveryQueryOptions(backend, automationId, deliveryId ?? ''), enabled: deliveryId !== undefined })
}

export function useTriggerHealthQuery(automationId: string, lastKnown?: TriggerHealth | null) {
  return useQuery(triggerHealthQueryOptions(useBackend(), automationId, lastKnown))
}

export function useVersionsQuery(automationId: string) {
  return useInfiniteQuery(versionsQueryOptions(useBackend(), automationId))
}

export function useDiffQuery(automationId: string, from: VersionRef, to: VersionRef) {
  return useQuery(diffQueryOptions(useBackend(), automationId, from, to))
}

/** The record behind `payload`; fetched when a component first asks, so mount it only when shown. */
export function useResourceQuery(automationId: string, payload: Callback) {
  return useQuery(resourceQueryOptions(useBackend(), automationId, payload))
}

/** Puts a fresh automation from any mutation into the cache, so every view agrees at once. */
function useStoreAutomation() {
  const queryClient = useQueryClient()
  return (automation: Automation) => {
    queryClient.setQueryData(triggerKeys.automation(automation.id), automation)
    // A save or revert ran the reconciler: its check is newer than any health shown.
    if (automation.trigger.health) queryClient.setQueryData(triggerKeys.health(automation.id), automation.trigger.health)
    void queryClient.invalidateQueries({ queryKey: triggerKeys.automationList() })
  }
}

export function useCreateAutomation() {
  const backend = useBackend()
  const storeAutomation = useStoreAutomation()
  return useMutation({
    mutationFn: (input: CreateAutomationRequest) => backend.createAutomation(input),
    onSuccess: storeAutomation,
  })
}

/**
 * Deletes the automation (the backend deletes its BigCommerce webhook too). `beforeDelete` runs
 * first, inside the mutation so the button stays busy: the page sends its last edits with it, so
 * a failed delete loses nothing and a successful one leaves no draft write behind.
 */
export function useDeleteAutomation(automationId: string, { beforeDelete }: { beforeDelete?: () => Promise<unknown> } = {}) {
  const backend = useBackend()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      await beforeDelete?.()
      await backend.deleteAutomation({ automationId })
    },
    onSuccess: () => {
      // Gone from the list at once, not after its refetch; and no cached copy for Back to bring back.
      queryClient.setQueryData(triggerKeys.automationList(), (automations: Automation[] | undefined) =>
        automations?.filter((automation) => automation.id !== automationId),
      )
      for (const queryKey of [
        triggerKeys.automation(automationId),
        triggerKeys.deliveries(automationId),
        triggerKeys.resources(automationId),
        triggerKeys.versions(automationId),
        triggerKeys.health(automationId),
      ]) {
        queryClient.removeQueries({ queryKey })
      }
      void queryClient.invalidateQueries({ queryKey: triggerKeys.automationList() })
    },
  })
}

export function useAuthorizeAccount() {
  const backend = useBackend()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: AuthorizeAccountRequest) => backend.authorizeAccount(input),
    onSuccess: (account) => {
      // Added synchronously so the account picker has the option before it is selected.
      queryClient.setQueryData(triggerKeys.accounts(), (accounts: Account[] | undefined) => [
        ...(accounts ?? []).filter((existing) => existing.id !== account.id),
        account,
      ])
      void queryClient.invalidateQueries({ queryKey: triggerKeys.accounts() })
    },
  })
}

/** Puts an account the backend answered with into the list, so every view names it alike at once. */
function useStoreAccount() {
  const queryClient = useQueryClient()
  return (account: Account) => {
    queryClient.setQueryData(triggerKeys.accounts(), (accounts: Account[] | undefined) =>
      accounts?.map((existing) => (existing.id === account.id ? account : existing)),
    )
  }
}

export function useRenameAccount(accountId: string) {
  const backend = useBackend()
  const storeAccount = useStoreAccount()
  return useMutation({
    mutationFn: (input: RenameAccountRequest) => backend.renameAccount({ accountId, ...input }),
    onSuccess: storeAccount,
  })
}

export function useReplaceAccountToken(accountId: string) {
  const backend = useBackend()
  const storeAccount = useStoreAccount()
  return useMutation({
    mutationFn: (input: ReplaceAccountTokenRequest) => backend.replaceAccountToken({ accountId, ...input }),
    onSuccess: storeAccount,
  })
}

export function useDeleteAccount(accountId: string) {
  const backend = useBackend()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => backend.deleteAccount({ accountId }),
    onSuccess: () => {
      queryClient.setQueryData(triggerKeys.accounts(), (accounts: Account[] | undefined) =>
        accounts?.filter((account) => account.id !== accountId),
      )
    },
    // Refused because an automation uses it: the list learns which, as the message says.
    onError: () => void queryClient.invalidateQueries({ queryKey: triggerKeys.accounts() }),
  })
}

export function useTestTrigger(automationId: string) {
  const backend = useBackend()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => backend.testTrigger({ automationId }),
    // A new test is when a user expects to see events delivered since the last one.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: triggerKeys.deliveries(automationId) }),
  })
}

export function useSaveTrigger(automationId: string) {
  const backend = useBackend()
  const storeAutomation = useStoreAutomation()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => backend.saveTrigger({ automationId }),
    onSuccess: (automation) => {
      storeAutomation(automation)
      // A save is a new version.
      void queryClient.invalidateQueries({ queryKey: triggerKeys.versionList(automationId) })
    },
  })
}

/** Makes a saved version the draft; the page then opens it at Configure Trigger. */
export function useRestoreTriggerVersion(automationId: string) {
  const backend = useBackend()
  const storeAutomation = useStoreAutomation()
  return useMutation({
    mutationFn: (version: number) => backend.restoreTriggerVersion({ automationId, version }),
    onSuccess: storeAutomation,
  })
}

export function useRevertTrigger(automationId: string) {
  const backend = useBackend()
  const storeAutomation = useStoreAutomation()
  return useMutation({ mutationFn: () => backend.revertTrigger({ automationId }), onSuccess: storeAutomation })
}

/**
 * Reactivate and Re-register: the reconciler brings BigCommerce in line with the saved trigger.
 * The automation is fetched again too, for its hook id and the list's badge.
 */
export function useReconcileTrigger(automationId: string) {
  const backend = useBackend()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => backend.reconcileTrigger({ automationId }),
    onSuccess: (health) => {
      queryClient.setQueryData(triggerKeys.health(automationId), health)
      void queryClient.invalidateQueries({ queryKey: triggerKeys.automations() })
    },
  })
}
