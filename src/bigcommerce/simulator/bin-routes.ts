import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import * as z from 'zod/mini'
import { binPage } from './bin-page'
import { binControlSchema, binNameSchema, binSettingsChangeSchema, MAX_BIN_BODY_BYTES, type RequestBins } from './request-bin'
import type { SimulatorApp } from './route-context'

/**
 * The request bins over HTTP: `/bin/{name}/…` takes anything and keeps it, `/bin` is their
 * page, and `/__simulator/bins/…` is the JSON API tests and the page use (what a bin received,
 * clearing it, its settings). Apart from BigCommerce's API: no token, no faults.
 */

/** The body's first `MAX_BIN_BODY_BYTES` bytes and its whole size, without holding the rest. */
async function readKept(body: ReadableStream<Uint8Array> | null): Promise<{ body: Uint8Array; bodyBytes: number }> {
  const kept = new Uint8Array(MAX_BIN_BODY_BYTES)
  let keptBytes = 0
  let bodyBytes = 0
  if (body) {
    const reader = body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      const room = MAX_BIN_BODY_BYTES - keptBytes
      if (room > 0) {
        kept.set(value.subarray(0, room), keptBytes)
        keptBytes += Math.min(room, value.length)
      }
      bodyBytes += value.length
    }
  }
  return { body: kept.subarray(0, keptBytes), bodyBytes }
}

/** A bin name from the path, or the answer that refuses it. */
function nameOrRefusal(c: Context): { name: string } | { refusal: Response } {
  const parsed = binNameSchema.safeParse(c.req.param('name'))
  return parsed.success ? { name: parsed.data } : { refusal: c.json({ error: z.prettifyError(parsed.error) }, 400) }
}

export function binRoutes(app: SimulatorApp, bins: RequestBins) {
  app.get('/bin', (c) =>
    c.html(
      binPage({ origin: new URL(c.req.url).origin, bins: bins.list(), changed: c.req.query('changed'), problem: c.req.query('problem') }),
    ),
  )

  // Hono's trailing `/*` matches the bare `/bin/name` too.
  app.all('/bin/:name/*', async (c) => {
    const bin = nameOrRefusal(c)
    if ('refusal' in bin) return bin.refusal
    const { body, bodyBytes } = await readKept(c.req.raw.body)
    const answer = bins.receive(bin.name, { method: c.req.method, url: new URL(c.req.url), headers: c.req.raw.headers, body, bodyBytes })
    if (answer.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, answer.delayMs))
    return c.json(answer.body, answer.status as ContentfulStatusCode)
  })

  app.get('/__simulator/bins', (c) => c.json({ bins: bins.list() }))
  app.get('/__simulator/bins/:name', (c) => {
    const bin = nameOrRefusal(c)
    return 'refusal' in bin ? bin.refusal : c.json({ bin: bins.get(bin.name) })
  })
  app.delete('/__simulator/bins/:name/requests', (c) => {
    const bin = nameOrRefusal(c)
    if ('refusal' in bin) return bin.refusal
    bins.clear(bin.name)
    return c.body(null, 204)
  })
  app.patch('/__simulator/bins/:name/settings', async (c) => {
    const bin = nameOrRefusal(c)
    if ('refusal' in bin) return bin.refusal
    const parsed = binSettingsChangeSchema.safeParse(await c.req.json().catch(() => undefined))
    if (!parsed.success) return c.json({ error: z.prettifyError(parsed.error) }, 400)
    return c.json({ settings: bins.configure(bin.name, parsed.data) })
  })

  // The page's form: it works without script, so it posts, then goes back to the page.
  app.post('/__simulator/bins/:name/controls', async (c) => {
    const bin = nameOrRefusal(c)
    if ('refusal' in bin) return bin.refusal
    const parsed = binControlSchema.safeParse(await c.req.parseBody().catch(() => undefined))
    const query = parsed.success
      ? `changed=${encodeURIComponent(bins.control(bin.name, parsed.data))}`
      : `problem=${encodeURIComponent(parsed.error.issues[0]?.message ?? 'The form could not be read.')}`
    return c.redirect(`/bin?${query}#bin-${encodeURIComponent(bin.name)}`, 303)
  })
}
