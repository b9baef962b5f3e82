const automation = (automationId: string) => `/api/automations/${encodeURIComponent(automationId)}`
const trigger = (automationId: string, action: string) => `${automation(automationId)}/trigger/${action}`
const account = (accountId: string) => `/api/accounts/${encodeURIComponent(accountId)}`

/** Paths of the REST contract; the UI, the msw handlers and the server all use these. */
export const apiRoutes = {
  info: '/api/info',
  automations: '/api/automations',
  automation,
  triggerDraft: (automationId: string) => trigger(automationId, 'draft'),
  triggerTest: (automationId: string) => trigger(automationId, 'test'),
  triggerSave: (automationId: string) => trigger(automationId, 'save'),
  triggerDeliveries: (automationId: string) => trigger(automationId, 'deliveries'),
  triggerDelivery: (automationId: string, deliveryId: string) => `${trigger(automationId, 'deliveries')}/${encodeURIComponent(deliveryId)}`,
  triggerListen: (automationId: string) => trigger(automationId, 'listen'),
  triggerResource: (automationId: string) => trigger(automationId, 'resource'),
  triggerRevert: (automationId: string) => trigger(automationId, 'revert'),
  triggerHealth: (automationId: string) => trigger(automationId, 'health'),
  triggerReconcile: (automationId: string) => trigger(automationId, 'reconcile'),
  /** `?before=N` for an older page. */
  triggerVersions: (automationId: string) => trigger(automationId, 'versions'),
  // `version` is a string too only so the server can build its `:version` pattern from this.
  triggerVersion: (automationId: string, version: number | string) => `${trigger(automationId, 'versions')}/${version}`,
  triggerVersionRestore: (automationId: string, version: number | string) => `${trigger(automationId, 'versions')}/${version}/restore`,
  /** `?from=1&to=3`, either of them `draft`. */
  triggerDiff: (automationId: string) => trigger(automationId, 'diff'),
  accounts: '/api/accounts',
  account,
  accountToken: (accountId: string) => `${account(accountId)}/token`,
} as const

/** Where BigCommerce posts a trigger's deliveries, below the public base URL. */
export const webhookPath = (triggerId: string) => `/hooks/bigcommerce/${encodeURIComponent(triggerId)}`
