import * as z from 'zod/mini'

/**
 * What every resource's operations share (catalog-, customers-, orders- and carts-operations.ts):
 * the events a store raises, its refusals, ids, and BigCommerce's date and money formats.
 * Operations are kept apart from HTTP so that the API routes, the control page and the seed all
 * create records the same way. Records take the shapes of BigCommerce's replies
 * (products_catalog.v3.yml, orders.v2, customers.v3, carts.v3).
 */

/** An event the store raises; the simulator delivers it to matching hooks. */
export type StoreEvent = { scope: string; data: Record<string, unknown> }

/** A refusal in BigCommerce's words; the routes render it as a v2 or v3 error body. */
export class SimulatorError extends Error {
  readonly status: number
  readonly errors: Record<string, string> | undefined
  constructor(status: number, title: string, errors?: Record<string, string>) {
    super(title)
    this.status = status
    this.errors = errors
  }
}

export const int = z.number().check(z.int())
export const positiveInt = z.number().check(z.int(), z.minimum(1))

/** Catalog and customer dates: ISO 8601 with an explicit offset, e.g. `2018-08-15T14:48:46+00:00`. */
export function isoDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00')
}

/** v2 dates are RFC 2822, e.g. `Tue, 20 Nov 2012 00:00:00 +0000`. */
export function rfc2822Date(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000')
}

/** v2 money is a string with four decimals. */
export function money(amount: number): string {
  return amount.toFixed(4)
}

/** One past the highest id, and never below `start`. */
export function nextId(records: readonly { id: number }[], start: number): number {
  return records.reduce((max, record) => Math.max(max, record.id), start - 1) + 1
}
