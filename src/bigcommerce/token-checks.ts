import type { ReadArea } from '../contract/accounts'
import { BackendError } from '../contract/errors'
import type { StorePlatform } from '../core/ports'
import { hookListReplySchema, storeInformationSchema } from './reply-schemas'
import type { Transport } from './transport'

/**
 * One list request per area, for a single record: the cheapest call each scope guards (the
 * simulator checks them as BigCommerce does, route-context.ts). Only the status matters.
 */
const READ_PROBES: Record<ReadArea, { path: string; what: string }> = {
  products: { path: '/v3/catalog/products', what: 'the products' },
  orders: { path: '/v2/orders', what: 'the orders' },
  customers: { path: '/v3/customers', what: 'the customers' },
}

/** What a Store Hash and Access Token may do: whether they are valid at all, and which records they may read. */
export function tokenChecks(transport: Transport): Pick<StorePlatform, 'verifyCredentials' | 'canRead'> {
  const { request, get } = transport
  return {
    async verifyCredentials(credentials) {
      // Any valid token may list hooks (docs/bigcommerce-api-notes.md §4.1), so this tells a bad token from a narrow one.
      await get(credentials, hookListReplySchema, { path: '/v3/hooks', query: { limit: '1' }, what: 'the webhooks' })
      try {
        const store = await get(credentials, storeInformationSchema, { path: '/v2/store', what: 'the store information' })
        return {
          storeName: store.name.trim() === '' ? credentials.storeHash : store.name,
          storeId: store.store_id === undefined ? null : String(store.store_id),
        }
      } catch (error) {
        // A valid token without Information & Settings: the hash is name enough (docs/bigcommerce-api-notes.md §4.1).
        if (error instanceof BackendError && error.code === 'missing_scope') return { storeName: credentials.storeHash, storeId: null }
        throw error
      }
    },

    async canRead(credentials, area) {
      const probe = READ_PROBES[area]
      try {
        await request(credentials, { method: 'GET', path: probe.path, query: { limit: '1' }, what: probe.what })
        return true
      } catch (error) {
        if (error instanceof BackendError && error.code === 'missing_scope') return false
        throw error
      }
    },
  }
}
