import { specCheckedFetch } from '../openapi/bigcommerce-specs'
import { DEMO_CREDENTIALS, DEMO_STORE_HASH } from './demo-store'
import { createSimulator, type SimulatorOptions } from './simulator'

/**
 * For the simulator's tests: a simulator whose deliveries are recorded (and answered with
 * `deliveryStatus`), its store API as `api`, every reply checked against the area's spec
 * (call `checked.assertAllConform()` after each test), and its control routes as `control`.
 */

export type SimulatorHarness = ReturnType<typeof simulatorHarness>

export function simulatorHarness(options: SimulatorOptions & { deliveryStatus?: number } = {}) {
  const { deliveryStatus = 200, ...simulatorOptions } = options
  const sent: { url: string; init: RequestInit }[] = []
  const simulator = createSimulator({
    deliver: async (url, init) => {
      sent.push({ url, init })
      return new Response(null, { status: deliveryStatus })
    },
    ...simulatorOptions,
  })
  const checked = specCheckedFetch(async (input, init) => simulator.app.fetch(new Request(input, init)))

  async function reply(response: Response) {
    const text = await response.text()
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown), headers: response.headers }
  }

  /** The demo store's API, with the full account's token unless told otherwise. */
  async function api(method: string, path: string, body: { body?: unknown; token?: string; rawBody?: string } = {}) {
    const hasBody = body.body !== undefined || body.rawBody !== undefined
    const response = await checked.fetch(
      new Request(`https://api.bigcommerce.com/stores/${DEMO_STORE_HASH}${path}`, {
        method,
        headers: {
          'X-Auth-Token': body.token ?? DEMO_CREDENTIALS.accessToken,
          Accept: 'application/json',
          ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body.rawBody ?? (body.body === undefined ? undefined : JSON.stringify(body.body)),
      }),
    )
    return reply(response)
  }

  /** A `/__simulator/…` control route, as the e2e harness calls them over HTTP. */
  async function control(method: string, path: string, body?: unknown) {
    const init: RequestInit =
      body === undefined ? { method } : { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }
    return reply(await simulator.app.fetch(new Request(`http://sim/__simulator${path}`, init)))
  }

  /** The callback bodies delivered so far, parsed. */
  const deliveredBodies = () => sent.map(({ init }) => JSON.parse(String(init.body)) as Record<string, unknown>)

  return { simulator, sent, checked, api, control, deliveredBodies }
}
