import { parseOrRefuse, readJson } from './http-replies'
import { requireScope, type RouteContext, type SimulatorApp } from './route-context'
import { cartInputSchema, convertCart, createCart } from './carts-operations'
import { SimulatorError } from './store-basics'

/** Carts and checkouts v3: a cart, and the checkout that converts it into an order. */
export function cartsRoutes(app: SimulatorApp, context: RouteContext) {
  app.post('/stores/:hash/v3/carts', requireScope('carts', 'write'), async (c) => {
    const input = parseOrRefuse(cartInputSchema, await readJson(c), 'The cart was not valid.')
    return c.json({ data: createCart(c.get('store'), input, context.now(), context.randomId), meta: {} }, 201)
  })

  app.get('/stores/:hash/v3/carts/:cartId', requireScope('carts', 'read'), (c) => {
    const cart = c.get('store').carts.find((candidate) => candidate.id === c.req.param('cartId'))
    // A converted cart is deleted (docs/bigcommerce-api-notes.md §5): 404 like any unknown id.
    if (!cart) throw new SimulatorError(404, 'Cart not found')
    return c.json({ data: cart, meta: {} })
  })

  app.post('/stores/:hash/v3/checkouts/:cartId/orders', requireScope('checkouts', 'write'), (c) => {
    const store = c.get('store')
    const { order, events } = convertCart(store, c.req.param('cartId'), undefined, context.now())
    context.raise(store, events)
    return c.json({ data: { id: order.id }, meta: {} }, 200)
  })
}
