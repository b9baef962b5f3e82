import { BackendError } from '../../contract/errors'
import { keepsRuns, type Storage, type StorageWithRuns } from '../ports'
import type { RunStorage } from './run-storage'

/** Why an action endpoint answers 409 on a storage that keeps no runs. */
export const RUNS_NOT_KEPT =
  'Action steps do not run on this server yet: its database does not keep runs (they run in the in-browser demo, `npm run dev`). The steps are saved with the trigger all the same.'

/**
 * The storage as the service uses it: itself when it keeps runs, else with run methods that
 * refuse with `RUNS_NOT_KEPT`, so every action endpoint says why instead of failing.
 */
export function withRunStorage(storage: Storage): StorageWithRuns {
  if (keepsRuns(storage)) return storage
  const refuse = () => Promise.reject(new BackendError('conflict', RUNS_NOT_KEPT))
  // Written out, so a method added to RunStorage cannot be forgotten here.
  const none: RunStorage = {
    insertRuns: refuse,
    claimRun: refuse,
    renewRunLease: refuse,
    recordAttempt: refuse,
    releaseRun: refuse,
    getRun: refuse,
    listRunAttempts: refuse,
    listRunPage: refuse,
    listRunsOfDelivery: refuse,
    hasEarlierOpenRun: refuse,
    retryRun: refuse,
    retryFailedRuns: refuse,
    cancelRun: refuse,
    resumeStep: refuse,
    listStepHealth: refuse,
    getStoreBudget: refuse,
    putStoreBudget: refuse,
    putActionSecret: refuse,
    getActionSecret: refuse,
    addSigningKey: refuse,
    listSigningKeys: refuse,
    putStepTest: refuse,
    getStepTest: refuse,
    runGauges: refuse,
  }
  return Object.assign(Object.create(storage) as Storage, none)
}
