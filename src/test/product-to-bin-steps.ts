import type { ActionStep } from '../contract/actions'

/**
 * The demo's whole path as action steps: BigCommerce → Get Product for the event's product, then
 * HTTP → HTTP Request posting `body` (which may refer to `{{steps.getproduct.…}}`) to `url`, the
 * request bin. The step ids are fixed, so a test can ask for the HTTP Request's signing secret.
 */
export const SEND_STEP_ID = 'tothebin'

export function productToBinSteps({ accountId, url, body }: { accountId: string; url: string; body: string }): ActionStep[] {
  return [
    {
      id: 'getproduct',
      connector: 'bigcommerce',
      action: 'get_product',
      accountId,
      ids: { productId: '{{trigger.data.id}}' },
      keepOrderPerRecord: false,
    },
    {
      id: SEND_STEP_ID,
      connector: 'http',
      action: 'http_request',
      url,
      method: 'POST',
      headers: [],
      query: [],
      body,
      maxInFlight: 10,
      keepOrderPerRecord: false,
    },
  ]
}
