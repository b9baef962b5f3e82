import * as z from 'zod/mini'
import {
  accountSchema,
  automationSchema,
  backendInfoSchema,
  listAccountsResponseSchema,
  listAutomationsResponseSchema,
  listTriggerDeliveriesResponseSchema,
  listTriggerVersionsResponseSchema,
  savedTriggerSchema,
  triggerHealthSchema,
  triggerResourceSchema,
  triggerTestSchema,
  triggerVersionsDiffSchema,
} from '../contract/api'
import { BackendError, errorBodySchema } from '../contract/errors'
import { apiRoutes } from '../contract/routes'
import type { CallOptions, TriggerBackend } from './trigger-backend'

/** The `TriggerBackend` over the REST contract. Every response is parsed before use. */
export function httpBackend(baseUrl = ''): TriggerBackend {
  async function call<T>(
    schema: z.ZodMiniType<T>,
    method: string,
    path: string,
    body: unknown,
    options: CallOptions | undefined,
  ): Promise<T> {
    let response: Response
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: options?.signal,
      })
    } catch (error) {
      if (options?.signal?.aborted) throw error
      throw new BackendError('upstream_error', 'The app’s server could not be reached. Check your connection and try again.')
    }
    const json: unknown = response.status === 204 ? null : await response.json().catch(() => undefined)
    if (!response.ok) {
      const parsed = errorBodySchema.safeParse(json)
      if (parsed.success) {
        const { code, message, field } = parsed.data.error
        throw new BackendError(code, message, field ? { field } : {})
      }
      throw new BackendError('internal', `The server answered ${response.status} without an explanation.`)
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) {
      throw new BackendError('internal', `The server’s answer to ${method} ${path} did not match the contract.`)
    }
    return parsed.data
  }

  return {
    getInfo: (_input, options) => call(backendInfoSchema, 'GET', apiRoutes.info, undefined, options),
    listAutomations: async (_input, options) =>
      (await call(listAutomationsResponseSchema, 'GET', apiRoutes.automations, undefined, options)).automations,
    createAutomation: (input, options) => call(automationSchema, 'POST', apiRoutes.automations, input, options),
    getAutomation: ({ automationId }, options) => call(automationSchema, 'GET', apiRoutes.automation(automationId), undefined, options),
    deleteAutomation: async ({ automationId }, options) => {
      await call(z.null(), 'DELETE', apiRoutes.automation(automationId), undefined, options)
    },
    listAccounts: async (_input, options) =>
      (await call(listAccountsResponseSchema, 'GET', apiRoutes.accounts, undefined, options)).accounts,
    authorizeAccount: (input, options) => call(accountSchema, 'POST', apiRoutes.accounts, input, options),
    renameAccount: ({ accountId, name }, options) => call(accountSchema, 'PATCH', apiRoutes.account(accountId), { name }, options),
    replaceAccountToken: ({ accountId, ...input }, options) =>
      call(accountSchema, 'PUT', apiRoutes.accountToken(accountId), input, options),
    deleteAccount: async ({ accountId }, options) => {
      await call(z.null(), 'DELETE', apiRoutes.account(accountId), undefined, options)
    },
    updateTriggerDraft: ({ automationId, draft }, options) =>
      call(automationSchema, 'PUT', apiRoutes.triggerDraft(automationId), { draft }, options),
    testTrigger: ({ automationId }, options) => call(triggerTestSchema, 'POST', apiRoutes.triggerTest(automationId), {}, options),
    saveTrigger: ({ automationId }, options) => call(automationSchema, 'POST', apiRoutes.triggerSave(automationId), {}, options),
    revertTrigger: ({ automationId }, options) => call(automationSchema, 'POST', apiRoutes.triggerRevert(automationId), {}, options),
    listTriggerVersions: ({ automationId, before }, options) =>
      call(
        listTriggerVersionsResponseSchema,
        'GET',
        `${apiRoutes.triggerVersions(automationId)}${before === undefined ? '' : `?before=${before}`}`,
        undefined,
        options,
      ),
    getTriggerVersion: ({ automationId, version }, options) =>
      call(savedTriggerSchema, 'GET', apiRoutes.triggerVersion(automationId, version), undefined, options),
    diffTriggerVersions: ({ automationId, from, to }, options) =>
      call(triggerVersionsDiffSchema, 'GET', `${apiRoutes.triggerDiff(automationId)}?from=${from}&to=${to}`, undefined, options),
    restoreTriggerVersion: ({ automationId, version }, options) =>
      call(automationSchema, 'POST', apiRoutes.triggerVersionRestore(automationId, version), {}, options),
    getTriggerHealth: ({ automationId }, options) =>
      call(triggerHealthSchema, 'GET', apiRoutes.triggerHealth(automationId), undefined, options),
    reconcileTrigger: ({ automationId }, options) =>
      call(triggerHealthSchema, 'POST', apiRoutes.triggerReconcile(automationId), {}, options),
    listTriggerDeliveries: async ({ automationId }, options) =>
      (await call(listTriggerDeliveriesResponseSchema, 'GET', apiRoutes.triggerDeliveries(automationId), undefined, options)).deliveries,
    fetchTriggerResource: ({ automationId, payload }, options) =>
      call(triggerResourceSchema, 'POST', apiRoutes.triggerResource(automationId), { payload }, options),
  }
}
