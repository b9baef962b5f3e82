import type { Account } from '../contract/accounts'

/** How the app names accounts and their stores, wherever it shows one. */

/**
 * True when the store's name is not known: a token without Information & Settings cannot read it
 * (nor can one of a store with no name), and the backend then names the store by its hash.
 */
export function storeNameUnknown(account: Pick<Account, 'storeName' | 'storeHash'>): boolean {
  return account.storeName === account.storeHash
}

/** `Demo Store (demostore1)`; a name that is the hash itself is said once, not as `abc123 (abc123)`. */
function withHash(name: string, storeHash: string): string {
  return name === storeHash ? storeHash : `${name} (${storeHash})`
}

/**
 * An account as summaries name it next to the full token mask: its name (the store's, unless
 * renamed on the Accounts page) and the store it is for.
 */
export function accountStoreLabel(account: Pick<Account, 'name' | 'storeHash'>) {
  return withHash(account.name, account.storeHash)
}

/** The store itself, whatever the account is called: `Demo Store (demostore1)`. */
export function storeLabel(account: Pick<Account, 'storeName' | 'storeHash'>) {
  return withHash(account.storeName, account.storeHash)
}

/**
 * An account as the picker lists it. Two API accounts of one store (one with fewer scopes, say)
 * would read alike, so the token's last four characters tell them apart.
 */
export function accountOptionLabel(account: Pick<Account, 'name' | 'storeHash' | 'tokenMask'>) {
  return `${accountStoreLabel(account)} · ••••${account.tokenMask.slice(-4)}`
}
