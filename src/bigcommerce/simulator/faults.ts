import type { ContentfulStatusCode } from 'hono/utils/http-status'
import * as z from 'zod/mini'
import { errorBody, versionOf } from './http-replies'
import type { SimulatorApp } from './route-context'

/**
 * Fault injection for tests: the next requests matching a fault fail with its status, or wait
 * `delayMs` first, before auth, the way a struggling BigCommerce would answer anyone.
 */

export const faultSchema = z.object({
  method: z.optional(z.string()),
  /** A regular expression tested against the request path, e.g. `/v3/hooks$`. */
  pathPattern: z.optional(z.string()),
  /** The status to answer with; without one, the request is only delayed. */
  status: z.optional(z.number().check(z.int(), z.minimum(100), z.maximum(599))),
  /** How many matching requests to fail; 1 when omitted. */
  times: z.optional(z.number().check(z.int(), z.minimum(1))),
  headers: z.optional(z.record(z.string(), z.string())),
  /** The reply body; defaults to a BigCommerce error body of the path's API version. */
  body: z.optional(z.unknown()),
  delayMs: z.optional(z.number().check(z.minimum(0))),
})
export type Fault = z.infer<typeof faultSchema>

export type Faults = {
  add(fault: Fault): void
  clear(): void
  /** Puts the fault check in front of every store API route. */
  install(app: SimulatorApp): void
}

export function createFaults(): Faults {
  let faults: (Fault & { remaining: number })[] = []
  return {
    add(fault) {
      faults.push({ ...fault, remaining: fault.times ?? 1 })
    },
    clear() {
      faults = []
    },
    install(app) {
      app.use('/stores/*', async (c, next) => {
        const path = new URL(c.req.url).pathname
        const index = faults.findIndex(
          (fault) =>
            (!fault.method || fault.method.toUpperCase() === c.req.method) &&
            (!fault.pathPattern || new RegExp(fault.pathPattern).test(path)),
        )
        const fault = faults[index]
        if (!fault) return next()
        fault.remaining -= 1
        if (fault.remaining <= 0) faults.splice(index, 1)
        if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs))
        if (fault.status === undefined) return next()
        const body =
          fault.body ?? errorBody(versionOf(path), fault.status, fault.status === 429 ? 'Too many requests' : 'Internal Server Error')
        return c.json(body, fault.status as ContentfulStatusCode, fault.headers)
      })
    },
  }
}
