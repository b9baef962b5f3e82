/** Paths of the REST contract; the UI, the msw handlers and the server all use these. */
export const apiRoutes = {
  info: '/api/info',
  automations: '/api/automations',
  automation: (automationId: string) => `/api/automations/${encodeURIComponent(automationId)}`,
  triggerDraft: (automationId: string) => `/api/automations/${encodeURIComponent(automationId)}/trigger/draft`,
  triggerTest: (automationId: string) => `/api/automations/${encodeURIComponent(automationId)}/trigger/test`,
  triggerSave: (automationId: string) => `/api/automations/${encodeURIComponent(automationId)}/trigger/save`,
  triggerDeliveries: (automationId: string) => `/api/automations/${encodeURIComponent(automationId)}/trigger/deliveries`,
  triggerResource: (automationId: string) => `/api/automations/${encodeURIComponent(automationId)}/trigger/resource`,
  triggerRevert: (automationId: string) => `/api/automations/${encodeURIComponent(automationId)}/trigger/revert`,
  accounts: '/api/accounts',
} as const

/** Where BigCommerce posts a trigger's deliveries, below the public base URL. */
export const webhookPath = (triggerId: string) => `/hooks/bigcommerce/${encodeURIComponent(triggerId)}`
