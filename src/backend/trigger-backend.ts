import type {
  Account,
  Automation,
  AuthorizeAccountRequest,
  BackendInfo,
  CreateAutomationRequest,
  TriggerDraft,
  TriggerTest,
} from '../contract/api'

export type CallOptions = { signal?: AbortSignal }

/**
 * Everything the UI needs from a backend, and the only thing it depends on. `httpBackend`
 * implements it over the REST contract; a host platform can plug in its own. Every method
 * rejects with a `BackendError` carrying the contract's code, message and field.
 */
export interface TriggerBackend {
  getInfo(input: void, options?: CallOptions): Promise<BackendInfo>
  listAutomations(input: void, options?: CallOptions): Promise<Automation[]>
  createAutomation(input: CreateAutomationRequest, options?: CallOptions): Promise<Automation>
  getAutomation(input: { automationId: string }, options?: CallOptions): Promise<Automation>
  deleteAutomation(input: { automationId: string }, options?: CallOptions): Promise<void>
  listAccounts(input: void, options?: CallOptions): Promise<Account[]>
  authorizeAccount(input: AuthorizeAccountRequest, options?: CallOptions): Promise<Account>
  updateTriggerDraft(input: { automationId: string; draft: TriggerDraft }, options?: CallOptions): Promise<Automation>
  testTrigger(input: { automationId: string }, options?: CallOptions): Promise<TriggerTest>
  saveTrigger(input: { automationId: string }, options?: CallOptions): Promise<Automation>
  revertTrigger(input: { automationId: string }, options?: CallOptions): Promise<Automation>
}
