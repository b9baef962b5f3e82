import * as z from 'zod/mini'
import { SimulatorError, isoDate, nextId, type StoreEvent } from './store-basics'
import type { CustomerRecord, StoreState } from './store-state'

/** Customers (customers.v3.yml). */

export const customerInputSchema = z.looseObject({
  email: z.string().check(z.regex(/^[^\s@]+@[^\s@]+$/)),
  first_name: z.string().check(z.minLength(1)),
  last_name: z.string().check(z.minLength(1)),
  company: z.optional(z.string()),
  phone: z.optional(z.string()),
})
type CustomerInput = z.infer<typeof customerInputSchema>

export function createCustomer(store: StoreState, input: CustomerInput, at: Date): { customer: CustomerRecord; events: StoreEvent[] } {
  if (store.customers.some((customer) => customer.email.toLowerCase() === input.email.toLowerCase())) {
    throw new SimulatorError(422, 'The customer email is already in use', { email: `${input.email} is already in use.` })
  }
  const id = nextId(store.customers, 1)
  const customer: CustomerRecord = {
    id,
    email: input.email,
    first_name: input.first_name,
    last_name: input.last_name,
    company: input.company ?? '',
    phone: input.phone ?? '',
    registration_ip_address: '',
    notes: '',
    tax_exempt_category: '',
    customer_group_id: 0,
    date_created: isoDate(at),
    date_modified: isoDate(at),
    address_count: 0,
    attribute_count: 0,
    authentication: { force_password_reset: false },
    accepts_product_review_abandoned_cart_emails: false,
    store_credit_amounts: [{ amount: 0 }],
    origin_channel_id: 1,
    // An array in customer_Full (customers.v3.yml); null is only accepted on create.
    channel_ids: [1],
  }
  store.customers.push(customer)
  return { customer, events: [{ scope: 'store/customer/created', data: { type: 'customer', id } }] }
}
