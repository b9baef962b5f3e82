/**
 * Paths of the REST contract, as patterns (`:name` for each parameter): the server routes by
 * them as they stand, and the UI fills them in with `pathFor`. One table, no string swapping.
 */
export const apiPaths = {
  info: '/api/info',
  automations: '/api/automations',
  automation: '/api/automations/:automationId',
  triggerDraft: '/api/automations/:automationId/trigger/draft',
  triggerTest: '/api/automations/:automationId/trigger/test',
  triggerSave: '/api/automations/:automationId/trigger/save',
  triggerRevert: '/api/automations/:automationId/trigger/revert',
  triggerDeliveries: '/api/automations/:automationId/trigger/deliveries',
  triggerDelivery: '/api/automations/:automationId/trigger/deliveries/:deliveryId',
  triggerListen: '/api/automations/:automationId/trigger/listen',
  triggerResource: '/api/automations/:automationId/trigger/resource',
  triggerHealth: '/api/automations/:automationId/trigger/health',
  triggerReconcile: '/api/automations/:automationId/trigger/reconcile',
  /** `?before=N` for an older page. */
  triggerVersions: '/api/automations/:automationId/trigger/versions',
  triggerVersion: '/api/automations/:automationId/trigger/versions/:version',
  triggerVersionRestore: '/api/automations/:automationId/trigger/versions/:version/restore',
  /** `?from=1&to=3`, either of them `draft`. */
  triggerDiff: '/api/automations/:automationId/trigger/diff',
  automationActive: '/api/automations/:automationId/active',
  actionSteps: '/api/automations/:automationId/actions',
  actionTest: '/api/automations/:automationId/actions/test',
  signingSecret: '/api/automations/:automationId/actions/:stepId/signing-secret',
  stepResume: '/api/automations/:automationId/actions/:stepId/resume',
  /** GET the Execution Log (`?state=&from=&to=&cursor=`); POST Run now. */
  runs: '/api/automations/:automationId/runs',
  run: '/api/automations/:automationId/runs/:runId',
  runRetry: '/api/automations/:automationId/runs/:runId/retry',
  runCancel: '/api/automations/:automationId/runs/:runId/cancel',
  runsRetryFailed: '/api/automations/:automationId/runs/retry-failed',
  accounts: '/api/accounts',
  account: '/api/accounts/:accountId',
  accountToken: '/api/accounts/:accountId/token',
  /** Where BigCommerce posts a trigger's deliveries, below the public base URL. */
  webhook: '/hooks/bigcommerce/:triggerId',
} as const

type ParamsOf<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamsOf<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never

/** A pattern with its parameters filled in, each percent-encoded. */
export function pathFor<Path extends string>(pattern: Path, params: Record<ParamsOf<Path>, string | number>): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_match, name: string) =>
    encodeURIComponent(String((params as Record<string, string | number>)[name] ?? '')),
  )
}

/** Where BigCommerce posts a trigger's deliveries, below the public base URL. */
export const webhookPath = (triggerId: string) => pathFor(apiPaths.webhook, { triggerId })
