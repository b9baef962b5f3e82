import { ACTION_LABELS, GET_ACTION_IDS, type BigcommerceGetAction, type BigcommerceGetStep } from '../../contract/actions'
import { BackendError } from '../../contract/errors'
import { renderTemplate, TemplateError, UnresolvedReference, type ReferenceContext } from '../../contract/references'
import { eventRecordOf, type EventRecord } from '../event-record'
import type { AccountRecord, StorePlatform } from '../ports'
import { failedBeforeSending, keptText, MASK, type StepResult } from './step-result'
import type { StoreBudgetGate } from './store-budget'

/** The same record wanted by several runs within this long is fetched once (per server). */
export const RECORD_SHARED_FOR_MS = 5_000

/** The event whose record each Get fetches: the client already knows how to fetch those (docs/bigcommerce-api-notes.md §5). */
function lookupOf(action: BigcommerceGetAction, ids: Record<string, number>): EventRecord {
  const id = (name: string) => ids[name] ?? 0
  switch (action) {
    case 'get_product':
      return eventRecordOf({ scope: 'store/product/created', data: { type: 'product', id: id('productId') } })
    case 'get_order':
      return eventRecordOf({ scope: 'store/order/created', data: { type: 'order', id: id('orderId') } })
    case 'get_customer':
      return eventRecordOf({ scope: 'store/customer/created', data: { type: 'customer', id: id('customerId') } })
    case 'get_shipment':
      return eventRecordOf({ scope: 'store/shipment/created', data: { type: 'shipment', id: id('shipmentId'), orderId: id('orderId') } })
    case 'get_sku':
      return eventRecordOf({
        scope: 'store/sku/created',
        data: { type: 'sku', id: id('variantId'), sku: { product_id: id('productId'), variant_id: id('variantId') } },
      })
  }
}

/** The step's ids with their references filled in; a string says which one is not a record id. */
export function getStepIds(step: Pick<BigcommerceGetStep, 'action' | 'ids'>, context: ReferenceContext): Record<string, number> | string {
  const ids: Record<string, number> = {}
  for (const name of GET_ACTION_IDS[step.action]) {
    let text: string
    try {
      text = renderTemplate(step.ids[name] ?? '', context, 'text').trim()
    } catch (error) {
      if (error instanceof UnresolvedReference || error instanceof TemplateError) return `${name}: ${error.message}`
      throw error
    }
    if (!/^[1-9]\d{0,15}$/.test(text)) return `${name} is ${JSON.stringify(text)}, not a record id (a whole number from 1).`
    ids[name] = Number(text)
  }
  return ids
}

export type GetStepInput = {
  step: BigcommerceGetStep
  context: ReferenceContext
  account: AccountRecord | undefined
  platform: StorePlatform
  budget: StoreBudgetGate
  /** Records fetched lately, by store and request: shared by the runs of this server. */
  recent: Map<string, { at: number; fetched: Promise<{ record: Record<string, unknown>; request: string }> }>
  now: () => Date
}

/** One try of a BigCommerce Get step. A store whose budget is spent is not called: the caller checks `budget` first. */
export async function runBigcommerceGetStep(input: GetStepInput): Promise<StepResult> {
  const { step, account } = input
  if (!account)
    return failedBeforeSending(
      `The BigCommerce account of ${ACTION_LABELS[step.action]} is no longer authorized here: choose another and save.`,
    )
  const ids = getStepIds(step, input.context)
  if (typeof ids === 'string') return failedBeforeSending(ids)
  const lookup = lookupOf(step.action, ids)
  const key = `${account.storeHash} ${lookup.scope} ${JSON.stringify(lookup.data)}`
  const at = input.now().getTime()
  for (const [cached, entry] of input.recent) if (at - entry.at > RECORD_SHARED_FOR_MS) input.recent.delete(cached)
  let shared = input.recent.get(key)
  if (!shared) {
    shared = { at, fetched: input.platform.fetchEventRecord({ storeHash: account.storeHash, accessToken: account.accessToken }, lookup) }
    input.recent.set(key, shared)
    // A failure is not shared beyond the runs already waiting on it.
    shared.fetched.catch(() => input.recent.delete(key))
  }
  const request = { method: 'GET', url: `/stores/${account.storeHash}`, headers: { 'X-Auth-Token': MASK }, body: null }
  try {
    const fetched = await shared.fetched
    const body = keptText(JSON.stringify(fetched.record))
    return {
      outcome: 'success',
      output: fetched.record,
      message: null,
      request: { ...request, url: `${request.url}${fetched.request.replace(/^GET /, '')}` },
      response: { status: 200, headers: {}, body: body.text, truncated: body.truncated },
    }
  } catch (error) {
    if (!(error instanceof BackendError)) throw error
    if (error.code === 'rate_limited') {
      await input.budget.record(account.storeHash, { remaining: 0, resetMs: null, limited: true })
      return { outcome: 'retryable', message: error.message, request, response: null, retryAfterMs: null }
    }
    if (error.code === 'upstream_error')
      return { outcome: 'retryable', message: error.message, request, response: null, retryAfterMs: null }
    const message = error.code === 'not_found' ? `${lookup.subject} is not in ${account.storeName}: ${error.message}` : error.message
    return { outcome: 'failed', message, request, response: null }
  }
}
