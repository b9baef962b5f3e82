import * as z from 'zod/mini'
import { compareBy, idList, paginate, parseOrRefuse, readJson, sortParam } from './http-replies'
import { requireScope, type RouteContext, type SimulatorApp } from './route-context'
import { createCustomer, customerInputSchema } from './customers-operations'

/** Customers v3 (customers.v3.yml): list with `id:in`, `email:in`, `sort` and `include`; create in bulk. */
export function customersRoutes(app: SimulatorApp, context: RouteContext) {
  app.get('/stores/:hash/v3/customers', requireScope('customers', 'read'), (c) => {
    const ids = idList(c.req.query('id:in'))
    const emails = c.req
      .query('email:in')
      ?.split(',')
      .map((email) => email.toLowerCase())
    const sort = sortParam(c)
    const include = new Set((c.req.query('include') ?? '').split(','))
    const customers = c
      .get('store')
      .customers.filter((customer) => !ids || ids.includes(customer.id))
      .filter((customer) => !emails || emails.includes(customer.email.toLowerCase()))
      .sort((a, b) => sort.direction * compareBy(a, b, sort.key))
      .map((customer) => ({
        ...customer,
        ...(include.has('addresses') ? { addresses: [] } : {}),
        ...(include.has('attributes') ? { attributes: [] } : {}),
        ...(include.has('formfields') ? { form_fields: [] } : {}),
      }))
    return c.json(paginate(customers, c))
  })

  app.post('/stores/:hash/v3/customers', requireScope('customers', 'write'), async (c) => {
    const store = c.get('store')
    const inputs = parseOrRefuse(
      z.array(customerInputSchema).check(z.minLength(1), z.maxLength(10)),
      await readJson(c),
      'The customers were not valid.',
    )
    const created = inputs.map((input) => createCustomer(store, input, context.now()))
    for (const { events } of created) context.raise(store, events)
    return c.json({ data: created.map(({ customer }) => customer), meta: {} }, 200)
  })
}
