import * as z from 'zod/mini'

/**
 * Action steps: what an automation does with each event its trigger stores (Configure Action
 * Step). They are part of the saved version, like the trigger's event and headers, so the diff,
 * Restore and Revert Changes cover them, and a run keeps doing what its version said.
 *
 * Text fields of a step may hold references to earlier outputs, `{{trigger.data.id}}` or
 * `{{steps.k3f9.name}}` (see `references.ts`), which a run fills in with typed values.
 */

export const MAX_ACTION_STEPS = 10
export const MAX_STEP_HEADERS = 20
export const MAX_QUERY_PARAMETERS = 50
export const MAX_CONDITIONS = 20
export const MAX_URL_LENGTH = 2048
/** A body template, as typed; what it becomes once filled in is limited on sending. */
export const MAX_BODY_TEMPLATE_BYTES = 64 * 1024
export const DEFAULT_MAX_IN_FLIGHT = 10

/**
 * A step's id: short, stable across saves and reorders, and an identifier, so a reference to
 * the step (`steps.k3f9.name`) reads as a JavaScript path does. Made by whoever adds the step.
 */
export const stepIdSchema = z.string().check(z.regex(/^[a-z][a-z0-9]{3,15}$/, 'A step id is 4 to 16 lower-case letters and digits.'))

/** A new step's id: a letter, then random letters and digits. */
export function newStepId(random: () => number = Math.random): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz'
  const alphabet = `${letters}0123456789`
  let id = letters[Math.floor(random() * letters.length)] ?? 's'
  while (id.length < 8) id += alphabet[Math.floor(random() * alphabet.length)] ?? '0'
  return id
}

export const httpMethodSchema = z.enum(['POST', 'GET', 'PUT', 'PATCH', 'DELETE'])
export type HttpMethod = z.infer<typeof httpMethodSchema>

/**
 * A header of an HTTP Request step. A secret one's value goes to the server once, is kept
 * encrypted under `secretId`, and comes back as null: a draft that sends null keeps it.
 */
export const stepHeaderSchema = z.object({
  name: z.string(),
  value: z.nullable(z.string()),
  secret: z.boolean(),
  /** Where the server keeps a secret value; null for a plain header or one not stored yet. */
  secretId: z.nullable(z.string()),
})
export type StepHeader = z.infer<typeof stepHeaderSchema>

export const queryParameterSchema = z.object({ name: z.string(), value: z.string() })
export type QueryParameter = z.infer<typeof queryParameterSchema>

/** HTTP → HTTP Request. */
export const httpRequestStepSchema = z.object({
  id: stepIdSchema,
  connector: z.literal('http'),
  action: z.literal('http_request'),
  url: z.string(),
  method: httpMethodSchema,
  headers: z.array(stepHeaderSchema),
  query: z.array(queryParameterSchema),
  /**
   * A JSON template; null sends the default: the event with the records earlier steps fetched,
   * `{ "event": …, "steps": { "<id>": … } }`. Ignored for GET and DELETE.
   */
  body: z.nullable(z.string()),
  /** Requests of this step in flight at once, per server. */
  maxInFlight: z.number().check(z.int(), z.gte(1), z.lte(100)),
  /** A record's later runs wait until its earlier run ends (see the README). */
  keepOrderPerRecord: z.boolean(),
})
export type HttpRequestStep = z.infer<typeof httpRequestStepSchema>

/** BigCommerce → Get …: the record an event names, by the ids its fields give. */
export const bigcommerceGetActionSchema = z.enum(['get_product', 'get_order', 'get_customer', 'get_shipment', 'get_sku'])
export type BigcommerceGetAction = z.infer<typeof bigcommerceGetActionSchema>

/**
 * Which ids each Get needs, by name, each a template (`{{trigger.data.id}}` by default for the
 * event that names such a record). Shipments and SKUs are found below their order and product.
 */
export const GET_ACTION_IDS = {
  get_product: ['productId'],
  get_order: ['orderId'],
  get_customer: ['customerId'],
  get_shipment: ['orderId', 'shipmentId'],
  get_sku: ['productId', 'variantId'],
} as const satisfies Record<BigcommerceGetAction, readonly string[]>

export const bigcommerceGetStepSchema = z.object({
  id: stepIdSchema,
  connector: z.literal('bigcommerce'),
  action: bigcommerceGetActionSchema,
  accountId: z.string().check(z.minLength(1)),
  /** Templates by the names `GET_ACTION_IDS` lists for the action. */
  ids: z.record(z.string(), z.string()),
  /** Waits behind a record's earlier run, as an HTTP Request step can. */
  keepOrderPerRecord: z.boolean(),
})
export type BigcommerceGetStep = z.infer<typeof bigcommerceGetStepSchema>

export const conditionOperatorSchema = z.enum(['equals', 'not_equals', 'contains', 'greater_than', 'less_than', 'exists'])
export type ConditionOperator = z.infer<typeof conditionOperatorSchema>

/** `{{…}}` on the left, a value (a template too) on the right; `exists` takes none. */
export const conditionSchema = z.object({
  reference: z.string(),
  operator: conditionOperatorSchema,
  value: z.string(),
})
export type Condition = z.infer<typeof conditionSchema>

/** Filter → Only continue if: the run goes on only when the conditions hold. */
export const onlyContinueIfStepSchema = z.object({
  id: stepIdSchema,
  connector: z.literal('filter'),
  action: z.literal('only_continue_if'),
  match: z.enum(['all', 'any']),
  conditions: z.array(conditionSchema),
})
export type OnlyContinueIfStep = z.infer<typeof onlyContinueIfStepSchema>

export const actionStepSchema = z.discriminatedUnion('connector', [
  httpRequestStepSchema,
  bigcommerceGetStepSchema,
  onlyContinueIfStepSchema,
])
export type ActionStep = z.infer<typeof actionStepSchema>
export type ActionConnector = ActionStep['connector']

/**
 * A step as a draft holds it while it is being configured: a connector and action may not be
 * chosen yet. Complete ones parse as `actionStepSchema`.
 */
export const actionStepDraftSchema = z.looseObject({
  id: stepIdSchema,
  connector: z.nullable(z.enum(['http', 'bigcommerce', 'filter'])),
  action: z.nullable(z.string()),
})
export type ActionStepDraft = z.infer<typeof actionStepDraftSchema> & Partial<Omit<ActionStep, 'id' | 'connector' | 'action'>>

/** Words for each action, as the documented product names them. */
export const ACTION_LABELS: Record<ActionStep['action'], string> = {
  http_request: 'HTTP Request',
  get_product: 'Get Product',
  get_order: 'Get Order',
  get_customer: 'Get Customer',
  get_shipment: 'Get Shipment',
  get_sku: 'Get SKU',
  only_continue_if: 'Only continue if',
}

export const CONNECTOR_LABELS: Record<ActionConnector, string> = { http: 'HTTP', bigcommerce: 'BigCommerce', filter: 'Filter' }

/**
 * The ids a Get step starts with for an event, as references into the event's `data`
 * (docs/bigcommerce-api-notes.md §3.2): the record the event is about, or the one it belongs
 * to. A converted cart's record is the order it became, as BigCommerce deletes the cart.
 * Empty where the event names no such record: the user refers to one an earlier step found.
 */
export function defaultGetIds(event: string | null, action: BigcommerceGetAction): Record<string, string> {
  const at = (path: string) => `{{trigger.data.${path}}}`
  switch (`${event ?? ''} ${action}`) {
    case 'store/product/created get_product':
    case 'store/order/created get_order':
    case 'store/customer/created get_customer':
      return { [GET_ACTION_IDS[action][0]]: at('id') }
    case 'store/cart/converted get_order':
    case 'store/shipment/created get_order':
      return { orderId: at('orderId') }
    case 'store/shipment/created get_shipment':
      return { orderId: at('orderId'), shipmentId: at('id') }
    case 'store/sku/created get_sku':
      return { productId: at('sku.product_id'), variantId: at('sku.variant_id') }
    case 'store/sku/created get_product':
      return { productId: at('sku.product_id') }
    default:
      return Object.fromEntries(GET_ACTION_IDS[action].map((name) => [name, '']))
  }
}
