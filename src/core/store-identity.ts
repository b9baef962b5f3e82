import type { AccountRecord, StoreCredentials } from './ports'

/**
 * How a store is named and reached, in one place for the service and the reconciler: the
 * credentials a call takes, the `producer` its deliveries carry, and the words for an account.
 */

export function credentialsOf(account: Pick<AccountRecord, 'storeHash' | 'accessToken'>): StoreCredentials {
  return { storeHash: account.storeHash, accessToken: account.accessToken }
}

/** What a delivery from the store says in `producer` (docs/bigcommerce-api-notes.md §3.1). */
export function producerOf(storeHash: string): string {
  return `stores/${storeHash}`
}

/** What the user calls the account: the name they gave it, else the store's. */
export function accountName(record: Pick<AccountRecord, 'displayName' | 'storeName'>): string {
  return record.displayName ?? record.storeName
}

/** e.g. `••••••••k2f9`: the last four characters, so a user can tell tokens apart. */
export function tokenMask(token: string): string {
  return `••••••••${token.slice(-4)}`
}
