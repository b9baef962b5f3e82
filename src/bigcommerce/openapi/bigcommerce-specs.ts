import customersYaml from './customers.v3.yml?raw'
import { checkReply, loadOpenApi, type CheckedReply } from './openapi-checker'
import ordersYaml from './orders.v2.oas2.yml?raw'
import variantsYaml from './product-variants_catalog.v3.yml?raw'
import productsYaml from './products_catalog.v3.yml?raw'
import storeYaml from './store_information.v2.yml?raw'
import webhooksYaml from './webhooks.v3.yml?raw'

/**
 * The OpenAPI files of every BigCommerce area the app and the simulator speak, for tests
 * (`?raw` imports need Vite). Variants come before products: both describe
 * `/catalog/products/{product_id}/variants`, and the variants file is the one about them.
 */

export const webhooksSpec = loadOpenApi('webhooks.v3.yml', webhooksYaml)
export const storeSpec = loadOpenApi('store_information.v2.yml', storeYaml)
export const productsSpec = loadOpenApi('products_catalog.v3.yml', productsYaml)
export const variantsSpec = loadOpenApi('product-variants_catalog.v3.yml', variantsYaml)
export const ordersSpec = loadOpenApi('orders.v2.oas2.yml', ordersYaml)
export const customersSpec = loadOpenApi('customers.v3.yml', customersYaml)

const SPECS = [webhooksSpec, storeSpec, variantsSpec, productsSpec, ordersSpec, customersSpec]

/** One reply of the store API, by its path below `/stores/{hash}`, e.g. `/v2/orders/7`. */
export function checkStoreReply(reply: { method: string; path: string; status: number; body: unknown }): CheckedReply | undefined {
  return checkReply(SPECS, reply)
}

/**
 * A `fetch` that passes every request on and checks each store API reply against its spec,
 * keeping what it checked in `replies` so a test can assert there were no problems.
 */
export function specCheckedFetch(inner: typeof fetch = (input, init) => globalThis.fetch(input, init)) {
  const replies: CheckedReply[] = []
  const checkedFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const response = await inner(request)
    const path = /^\/stores\/[^/]+(\/v[23]\/.*)$/.exec(new URL(request.url).pathname)?.[1]
    if (path === undefined) return response
    const text = await response.clone().text()
    let body: unknown = text === '' ? undefined : text
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch {
      // Not JSON: checked as the string it is, which no JSON schema accepts.
    }
    const checked = checkStoreReply({ method: request.method, path, status: response.status, body })
    if (checked) replies.push(checked)
    return response
  }
  /** Throws, naming each reply and what is wrong with it, if any reply broke its spec: for `afterEach`. */
  const assertAllConform = () => {
    const broken = replies.filter((reply) => reply.problems.length > 0)
    if (broken.length > 0) {
      throw new Error(
        `Replies that break their spec:\n${broken.map((reply) => `${reply.request} (${reply.operation}): ${reply.problems.join('; ')}`).join('\n')}`,
      )
    }
  }
  return { fetch: checkedFetch, replies, assertAllConform }
}
