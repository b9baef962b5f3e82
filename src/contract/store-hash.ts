/**
 * BigCommerce shows the store hash in several places; users paste whichever they have:
 * the API path `https://api.bigcommerce.com/stores/{hash}/v3/`, `stores/{hash}`,
 * the control-panel host `store-{hash}.mybigcommerce.com`, or `store-{hash}`.
 * Hashes are lowercase letters and digits (docs/bigcommerce-api-notes.md §4.3); older stores have fewer than 10.
 */
const STORE_HASH = /^[a-z0-9]{4,16}$/

export function normalizeStoreHash(input: string): string {
  let value = input.trim().toLowerCase()
  const apiPath = /(?:^|\/)stores\/([a-z0-9]+)(?:\/|$)/.exec(value)
  if (apiPath?.[1]) return apiPath[1]
  value = value.replace(/^[a-z]+:\/\//, '')
  const storePrefix = /^store-([a-z0-9]+)(?:[./]|$)/.exec(value)
  if (storePrefix?.[1]) return storePrefix[1]
  return value.replace(/\/+$/, '')
}

export function storeHashProblem(normalized: string): string | undefined {
  if (normalized === '') return 'Enter the Store Hash.'
  if (!STORE_HASH.test(normalized)) {
    return 'A Store Hash is 4 to 16 lowercase letters and digits, as in https://api.bigcommerce.com/stores/{hash}/v3/.'
  }
  return undefined
}
