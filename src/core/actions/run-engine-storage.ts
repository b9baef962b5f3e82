import type { StorageWithRuns } from '../ports'

/** What the runtime reads and writes: runs, and a run's automation, version, delivery and account. */
export type RunEngineStorage = Pick<
  StorageWithRuns,
  | 'getAutomation'
  | 'getTriggerVersion'
  | 'getDelivery'
  | 'getAccount'
  | 'claimRun'
  | 'renewRunLease'
  | 'recordAttempt'
  | 'releaseRun'
  | 'hasEarlierOpenRun'
  | 'listStepHealth'
  | 'getActionSecret'
  | 'listSigningKeys'
  | 'getStoreBudget'
  | 'putStoreBudget'
>
