import * as z from 'zod/mini'
import { callbackSchema, eventScopeSchema } from './events'
import { id, isoTime } from './fields'

/** Deliveries: one as received, the log's pages and filters, and Listen for an event. */

/**
 * What proved a delivery came from BigCommerce: the trigger's secret header (`X-Trigger-Secret`),
 * or also the `webhook-signature` made with the API account's Client Secret.
 */
export const deliveryAuthenticationSchema = z.enum(['signature', 'secret'])

export type DeliveryAuthentication = z.infer<typeof deliveryAuthenticationSchema>

/** A delivery BigCommerce sent to this trigger, exactly as received. */
export const triggerDeliverySchema = z.object({
  id,
  receivedAt: isoTime,
  payload: callbackSchema,
  /** How many times BigCommerce sent the same delivery (same `hash`) again; it is stored once. */
  duplicates: z.number(),
  authenticatedBy: deliveryAuthenticationSchema,
})

export type TriggerDelivery = z.infer<typeof triggerDeliverySchema>

/** How many recent deliveries the Test Trigger output offers to pick from; also a page's size when none is asked. */
export const MAX_LISTED_DELIVERIES = 10

/** A page of the delivery log. */
export const DELIVERY_LOG_PAGE_SIZE = 25

export const MAX_DELIVERY_PAGE_SIZE = 100

/**
 * Which deliveries to list (the query string of `GET …/trigger/deliveries`), newest first.
 * `from` is inclusive and `to` exclusive; `search` is a substring of the payload's JSON text
 * (ASCII letters in any case); `cursor` is the `nextCursor` of the page before.
 */
export const deliveryQuerySchema = z.object({
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(MAX_DELIVERY_PAGE_SIZE))),
  event: z.optional(eventScopeSchema),
  from: z.optional(z.iso.datetime()),
  to: z.optional(z.iso.datetime()),
  search: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
})

export type DeliveryQuery = z.infer<typeof deliveryQuerySchema>

/** Newest first, of any of the six events; `nextCursor` is null on the last page. */
export const listTriggerDeliveriesResponseSchema = z.object({
  deliveries: z.array(triggerDeliverySchema),
  nextCursor: z.nullable(z.string()),
})

export type DeliveryPage = z.infer<typeof listTriggerDeliveriesResponseSchema>

/** How long Listen for an event waits for a delivery; the server ends the stream then. */
export const LISTEN_TIMEOUT_MS = 2 * 60_000

/** A comment line this often keeps proxies from closing a quiet stream. */
export const LISTEN_HEARTBEAT_MS = 15_000

/**
 * The Server-Sent Events of `GET …/trigger/listen`, by event name. `ready` comes first, once
 * the server listens (a delivery stored after it is sent); then either `delivery`, the first
 * one stored, or `end` when the wait timed out. The server closes the stream after either.
 */
export const listenEventSchemas = {
  ready: z.object({ event: eventScopeSchema, timeoutMs: z.number() }),
  delivery: triggerDeliverySchema,
  end: z.object({ reason: z.literal('timeout') }),
} as const

export type ListenReady = z.infer<typeof listenEventSchemas.ready>

export type ListenOutcome = { status: 'delivered'; delivery: TriggerDelivery } | { status: 'timeout' }
