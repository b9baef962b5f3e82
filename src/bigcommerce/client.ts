import type { StorePlatform } from '../core/ports'
import { eventRecordsApi } from './event-records'
import { hooksApi } from './hooks-api'
import { tokenChecks } from './token-checks'
import { createTransport, type TransportOptions } from './transport'

/**
 * The real `StorePlatform`: BigCommerce's REST API, over one transport (transport.ts: retries,
 * rate limits, timeouts, errors), in three parts: what a token may do (token-checks.ts), its
 * webhooks (hooks-api.ts) and the record behind each event (event-records.ts).
 */

export const BIGCOMMERCE_API_URL = 'https://api.bigcommerce.com'

export type BigcommerceClientOptions = TransportOptions

export function bigcommerceClient(options: BigcommerceClientOptions = {}): StorePlatform {
  const transport = createTransport({ ...options, apiUrl: options.apiUrl ?? BIGCOMMERCE_API_URL })
  return { ...tokenChecks(transport), ...hooksApi(transport), ...eventRecordsApi(transport) }
}
