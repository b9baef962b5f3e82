import { compareBy, parseOrRefuse, readJson, sortParam, v2List } from './http-replies'
import { requireScope, type RouteContext, type SimulatorApp, type StoreContext } from './route-context'
import { createOrder, createShipment, orderInputSchema, shipmentInputSchema } from './orders-operations'
import { SimulatorError } from './store-basics'
import type { OrderRecord } from './store-state'

/** Orders v2 (orders.v2.oas2.yml): orders, their products, shipping addresses and shipments. */
export function ordersRoutes(app: SimulatorApp, context: RouteContext) {
  app.get('/stores/:hash/v2/orders', requireScope('orders', 'read'), (c) => {
    const sort = sortParam(c)
    const customerId = c.req.query('customer_id')
    const orders = c
      .get('store')
      .orders.filter((order) => customerId === undefined || String(order.customer_id) === customerId)
      .sort((a, b) => sort.direction * compareBy(a, b, sort.key))
    return v2List(c, orders)
  })

  app.post('/stores/:hash/v2/orders', requireScope('orders', 'write'), async (c) => {
    const store = c.get('store')
    const input = parseOrRefuse(orderInputSchema, await readJson(c), 'The order was not valid.')
    const { order, events } = createOrder(store, input, context.now())
    context.raise(store, events)
    // 200, not 201: orders.v2.oas2.yml documents only 200 for POST /orders (shipments answer 201).
    return c.json(order, 200)
  })

  app.get('/stores/:hash/v2/orders/:orderId', requireScope('orders', 'read'), (c) => c.json(ownOrder(c)))

  app.get('/stores/:hash/v2/orders/:orderId/products', requireScope('orders', 'read'), (c) => {
    const order = ownOrder(c)
    return v2List(
      c,
      c.get('store').orderProducts.filter((line) => line.order_id === order.id),
    )
  })

  app.get('/stores/:hash/v2/orders/:orderId/shipping_addresses', requireScope('orders', 'read'), (c) => {
    const order = ownOrder(c)
    return v2List(
      c,
      c.get('store').orderAddresses.filter((address) => address.order_id === order.id),
    )
  })

  app.get('/stores/:hash/v2/orders/:orderId/shipments', requireScope('orders', 'read'), (c) => {
    const order = ownOrder(c)
    return v2List(
      c,
      c.get('store').shipments.filter((shipment) => shipment.order_id === order.id),
    )
  })

  app.post('/stores/:hash/v2/orders/:orderId/shipments', requireScope('orders', 'write'), async (c) => {
    const store = c.get('store')
    const order = ownOrder(c)
    const input = parseOrRefuse(shipmentInputSchema, await readJson(c), 'The shipment was not valid.')
    const { shipment, events } = createShipment(store, order.id, input, context.now())
    context.raise(store, events)
    return c.json(shipment, 201)
  })

  app.get('/stores/:hash/v2/orders/:orderId/shipments/:shipmentId', requireScope('orders', 'read'), (c) => {
    const order = ownOrder(c)
    const id = Number(c.req.param('shipmentId'))
    const shipment = c.get('store').shipments.find((candidate) => candidate.id === id && candidate.order_id === order.id)
    if (!shipment) throw new SimulatorError(404, 'The requested resource was not found.')
    return c.json(shipment)
  })
}

function ownOrder(c: StoreContext): OrderRecord {
  const id = Number(c.req.param('orderId'))
  const order = c.get('store').orders.find((candidate) => candidate.id === id)
  if (!order) throw new SimulatorError(404, 'The requested resource was not found.')
  return order
}
