import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Account, Automation, AuthorizeAccountRequest, CreateAutomationRequest } from '../contract/api'
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
}

export function infoQueryOptions(backend: TriggerBackend) {
  return queryOptions({
    queryKey: triggerKeys.info(),
    queryFn: ({ signal }) => backend.getInfo(undefined, { signal }),
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

/** Puts a fresh automation from any mutation into the cache, so every view agrees at once. */
function useStoreAutomation() {
  const queryClient = useQueryClient()
  return (automation: Automation) => {
    queryClient.setQueryData(triggerKeys.automation(automation.id), automation)
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

export function useTestTrigger(automationId: string) {
  const backend = useBackend()
  return useMutation({ mutationFn: () => backend.testTrigger({ automationId }) })
}

export function useSaveTrigger(automationId: string) {
  const backend = useBackend()
  const storeAutomation = useStoreAutomation()
  return useMutation({ mutationFn: () => backend.saveTrigger({ automationId }), onSuccess: storeAutomation })
}

export function useRevertTrigger(automationId: string) {
  const backend = useBackend()
  const storeAutomation = useStoreAutomation()
  return useMutation({ mutationFn: () => backend.revertTrigger({ automationId }), onSuccess: storeAutomation })
}
