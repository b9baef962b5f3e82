import type { Context } from 'hono'
import * as z from 'zod/mini'
import { controlPage } from './control-page'
import { faultSchema } from './faults'
import { domainBlockSchema } from './hook-faults'
import type { SimulatorApp } from './route-context'
import type { Simulator } from './simulator'
import { SimulatorError } from './store-basics'
import type { RecordKind } from './store-state'

/**
 * Test control, not BigCommerce's API: the control page, and `/__simulator/…` routes that give
 * tests and the e2e harness over HTTP what `Simulator` gives them in process.
 */
export function controlRoutes(app: SimulatorApp, simulator: Simulator) {
  app.get('/', (c) =>
    c.html(controlPage({ stores: simulator.snapshot().stores, created: c.req.query('created'), problem: c.req.query('problem') })),
  )

  app.post('/__simulator/faults', async (c) => {
    const parsed = faultSchema.safeParse(await c.req.json().catch(() => undefined))
    if (!parsed.success) return c.json({ error: z.prettifyError(parsed.error) }, 400)
    simulator.addFault(parsed.data)
    return c.json({ fault: parsed.data }, 201)
  })
  app.delete('/__simulator/faults', (c) => {
    simulator.clearFaults()
    return c.body(null, 204)
  })
  app.get('/__simulator/deliveries', async (c) => {
    await simulator.settled()
    return c.json({ deliveries: simulator.deliveries })
  })
  app.post('/__simulator/clock', async (c) => {
    const parsed = clockSchema.safeParse(await c.req.json().catch(() => undefined))
    if (!parsed.success) return c.json({ error: z.prettifyError(parsed.error) }, 400)
    simulator.setClockOffset(parsed.data.offsetSeconds)
    return c.body(null, 204)
  })
  app.post('/__simulator/reset', (c) => {
    simulator.reset()
    return c.body(null, 204)
  })

  app.post('/__simulator/stores/:hash/hooks/:id/deactivate', (c) =>
    refusalAsJson(c, () => c.json({ hook: simulator.deactivateHook(c.req.param('hash'), Number(c.req.param('id'))) })),
  )
  app.post('/__simulator/stores/:hash/blocked-domains', async (c) => {
    const parsed = domainBlockSchema.safeParse(await c.req.json().catch(() => undefined))
    if (!parsed.success) return c.json({ error: z.prettifyError(parsed.error) }, 400)
    return refusalAsJson(c, () => c.json({ blocked: simulator.blockDomain(c.req.param('hash'), parsed.data) }, 201))
  })
  app.delete('/__simulator/stores/:hash/blocked-domains/:domain', (c) =>
    refusalAsJson(c, () => {
      simulator.unblockDomain(c.req.param('hash'), c.req.param('domain'))
      return c.body(null, 204)
    }),
  )

  app.post('/__simulator/stores/:hash/create/:kind', (c) => {
    const kind = c.req.param('kind')
    const hash = c.req.param('hash')
    if (!isRecordKind(kind) || !simulator.store(hash)) return c.text('Unknown store or record kind.', 404)
    try {
      const { id } = simulator.create(hash, kind)
      return c.redirect(`/?created=${encodeURIComponent(`${kind} ${id}`)}`, 303)
    } catch (error) {
      if (!(error instanceof SimulatorError)) throw error
      return c.redirect(`/?problem=${encodeURIComponent(error.message)}`, 303)
    }
  })
}

const clockSchema = z.object({ offsetSeconds: z.number().check(z.int()) })

/** Control routes answer a refusal as `{error}` with its status, like a bad fault body. */
function refusalAsJson(c: Context, answer: () => Response): Response {
  try {
    return answer()
  } catch (error) {
    if (!(error instanceof SimulatorError)) throw error
    return c.json({ error: error.message }, error.status === 404 ? 404 : 422)
  }
}

function isRecordKind(kind: string): kind is RecordKind {
  return kind === 'product' || kind === 'customer' || kind === 'order' || kind === 'shipment'
}
