import * as z from 'zod/mini'
import { accountSchema, listAccountsResponseSchema } from '../contract/accounts'
import { automationSchema, backendInfoSchema, listAutomationsResponseSchema } from '../contract/automations'
import {
  listenEventSchemas,
  listTriggerDeliveriesResponseSchema,
  triggerDeliverySchema,
  type DeliveryQuery,
  type ListenOutcome,
} from '../contract/deliveries'
import { savedTriggerSchema } from '../contract/trigger-config'
import { triggerHealthSchema } from '../contract/trigger-health'
import { triggerResourceSchema, triggerTestSchema } from '../contract/trigger-test'
import { listTriggerVersionsResponseSchema, triggerVersionsDiffSchema } from '../contract/versions'
import { BackendError, errorBodySchema } from '../contract/errors'
import { apiPaths, pathFor } from '../contract/routes'
import { createSseParser, type SseEvent } from './sse-parser'
import type { CallOptions, TriggerBackend } from './trigger-backend'

/** An error answer as the contract's `BackendError`, or words for one that is not in its shape. */
async function errorFrom(response: Response): Promise<BackendError> {
  const parsed = errorBodySchema.safeParse(await response.json().catch(() => undefined))
  if (parsed.success) {
    const { code, message, field } = parsed.data.error
    return new BackendError(code, message, field ? { field } : {})
  }
  return new BackendError('internal', `The server answered ${response.status} without an explanation.`)
}

/** The delivery log's query as a query string; unset filters are left out. */
function queryString(query: DeliveryQuery): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value))
  const text = params.toString()
  return text === '' ? '' : `?${text}`
}

/** The `TriggerBackend` over the REST contract. Every response is parsed before use. */
export function httpBackend(baseUrl = ''): TriggerBackend {
  async function send(method: string, path: string, init: RequestInit, options: CallOptions | undefined): Promise<Response> {
    let response: Response
    try {
      response = await fetch(`${baseUrl}${path}`, { method, ...init, signal: options?.signal })
    } catch (error) {
      if (options?.signal?.aborted) throw error
      throw new BackendError('upstream_error', 'The app’s server could not be reached. Check your connection and try again.')
    }
    if (!response.ok) throw await errorFrom(response)
    return response
  }

  async function call<T>(
    schema: z.ZodMiniType<T>,
    method: string,
    path: string,
    body: unknown,
    options: CallOptions | undefined,
  ): Promise<T> {
    const response = await send(
      method,
      path,
      {
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      options,
    )
    const json: unknown = response.status === 204 ? null : await response.json().catch(() => undefined)
    const parsed = schema.safeParse(json)
    if (!parsed.success) {
      throw new BackendError('internal', `The server’s answer to ${method} ${path} did not match the contract.`)
    }
    return parsed.data
  }

  return {
    getInfo: (_input, options) => call(backendInfoSchema, 'GET', apiPaths.info, undefined, options),
    listAutomations: async (_input, options) =>
      (await call(listAutomationsResponseSchema, 'GET', apiPaths.automations, undefined, options)).automations,
    createAutomation: (input, options) => call(automationSchema, 'POST', apiPaths.automations, input, options),
    getAutomation: ({ automationId }, options) =>
      call(automationSchema, 'GET', pathFor(apiPaths.automation, { automationId: automationId }), undefined, options),
    deleteAutomation: async ({ automationId }, options) => {
      await call(z.null(), 'DELETE', pathFor(apiPaths.automation, { automationId: automationId }), undefined, options)
    },
    listAccounts: async (_input, options) =>
      (await call(listAccountsResponseSchema, 'GET', apiPaths.accounts, undefined, options)).accounts,
    authorizeAccount: (input, options) => call(accountSchema, 'POST', apiPaths.accounts, input, options),
    renameAccount: ({ accountId, name }, options) =>
      call(accountSchema, 'PATCH', pathFor(apiPaths.account, { accountId: accountId }), { name }, options),
    replaceAccountToken: ({ accountId, ...input }, options) =>
      call(accountSchema, 'PUT', pathFor(apiPaths.accountToken, { accountId: accountId }), input, options),
    deleteAccount: async ({ accountId }, options) => {
      await call(z.null(), 'DELETE', pathFor(apiPaths.account, { accountId: accountId }), undefined, options)
    },
    updateTriggerDraft: ({ automationId, draft }, options) =>
      call(automationSchema, 'PUT', pathFor(apiPaths.triggerDraft, { automationId: automationId }), { draft }, options),
    testTrigger: ({ automationId }, options) =>
      call(triggerTestSchema, 'POST', pathFor(apiPaths.triggerTest, { automationId: automationId }), {}, options),
    saveTrigger: ({ automationId }, options) =>
      call(automationSchema, 'POST', pathFor(apiPaths.triggerSave, { automationId: automationId }), {}, options),
    revertTrigger: ({ automationId }, options) =>
      call(automationSchema, 'POST', pathFor(apiPaths.triggerRevert, { automationId: automationId }), {}, options),
    listTriggerVersions: ({ automationId, before }, options) =>
      call(
        listTriggerVersionsResponseSchema,
        'GET',
        `${pathFor(apiPaths.triggerVersions, { automationId: automationId })}${before === undefined ? '' : `?before=${before}`}`,
        undefined,
        options,
      ),
    getTriggerVersion: ({ automationId, version }, options) =>
      call(
        savedTriggerSchema,
        'GET',
        pathFor(apiPaths.triggerVersion, { automationId: automationId, version: version }),
        undefined,
        options,
      ),
    diffTriggerVersions: ({ automationId, from, to }, options) =>
      call(
        triggerVersionsDiffSchema,
        'GET',
        `${pathFor(apiPaths.triggerDiff, { automationId: automationId })}?from=${from}&to=${to}`,
        undefined,
        options,
      ),
    restoreTriggerVersion: ({ automationId, version }, options) =>
      call(
        automationSchema,
        'POST',
        pathFor(apiPaths.triggerVersionRestore, { automationId: automationId, version: version }),
        {},
        options,
      ),
    getTriggerHealth: ({ automationId }, options) =>
      call(triggerHealthSchema, 'GET', pathFor(apiPaths.triggerHealth, { automationId: automationId }), undefined, options),
    reconcileTrigger: ({ automationId }, options) =>
      call(triggerHealthSchema, 'POST', pathFor(apiPaths.triggerReconcile, { automationId: automationId }), {}, options),
    listTriggerDeliveries: ({ automationId, ...query }, options) =>
      call(
        listTriggerDeliveriesResponseSchema,
        'GET',
        `${pathFor(apiPaths.triggerDeliveries, { automationId: automationId })}${queryString(query)}`,
        undefined,
        options,
      ),
    getTriggerDelivery: ({ automationId, deliveryId }, options) =>
      call(
        triggerDeliverySchema,
        'GET',
        pathFor(apiPaths.triggerDelivery, { automationId: automationId, deliveryId: deliveryId }),
        undefined,
        options,
      ),
    async listenForDelivery({ automationId }, options = {}) {
      const path = pathFor(apiPaths.triggerListen, { automationId: automationId })
      const response = await send('GET', path, { headers: { accept: 'text/event-stream' } }, options)
      if (!response.body) throw new BackendError('internal', `The server’s answer to GET ${path} had no stream.`)
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
      const contractBroken = () => new BackendError('internal', `The server’s answer to GET ${path} did not match the contract.`)
      let outcome: ListenOutcome | null = null
      // Each event is parsed with the contract's schema for its name; a name it does not know is skipped.
      const parser = createSseParser(({ event, data }: SseEvent) => {
        if (outcome || !(event === 'ready' || event === 'delivery' || event === 'end')) return
        let json: unknown
        try {
          json = JSON.parse(data)
        } catch {
          throw contractBroken()
        }
        if (event === 'ready') {
          const ready = listenEventSchemas.ready.safeParse(json)
          if (!ready.success) throw contractBroken()
          options.onReady?.(ready.data)
        } else if (event === 'delivery') {
          const delivery = listenEventSchemas.delivery.safeParse(json)
          if (!delivery.success) throw contractBroken()
          outcome = { status: 'delivered', delivery: delivery.data }
        } else {
          if (!listenEventSchemas.end.safeParse(json).success) throw contractBroken()
          outcome = { status: 'timeout' }
        }
      })
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          parser.push(value)
          if (outcome) break
        }
      } catch (error) {
        if (options.signal?.aborted || error instanceof BackendError) throw error
        throw new BackendError('upstream_error', 'The connection to the app’s server was lost while listening. Try again.')
      } finally {
        // The server closes the stream after the outcome; cancelling too frees it at once.
        void reader.cancel().catch(() => undefined)
      }
      // Aborted, the stream may just end (an in-process app, msw): that is the caller's Cancel, not a failure.
      options.signal?.throwIfAborted()
      if (!outcome) throw new BackendError('upstream_error', 'The server stopped listening before an event arrived. Try again.')
      return outcome
    },
    fetchTriggerResource: ({ automationId, payload }, options) =>
      call(triggerResourceSchema, 'POST', pathFor(apiPaths.triggerResource, { automationId: automationId }), { payload }, options),
  }
}
