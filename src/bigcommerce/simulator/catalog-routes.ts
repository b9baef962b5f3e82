import { compareBy, idList, paginate, parseOrRefuse, readJson } from './http-replies'
import { requireScope, type RouteContext, type SimulatorApp, type StoreContext } from './route-context'
import { createProduct, productInputSchema } from './catalog-operations'
import { SimulatorError } from './store-basics'
import type { ProductRecord, StoreState } from './store-state'

/** Catalog v3 (products_catalog.v3.yml, product-variants_catalog.v3.yml): products and variants. */
export function catalogRoutes(app: SimulatorApp, context: RouteContext) {
  app.get('/stores/:hash/v3/catalog/products', requireScope('products', 'read'), (c) => {
    const store = c.get('store')
    const ids = idList(c.req.query('id:in'))
    const sort = c.req.query('sort') ?? 'id'
    const direction = c.req.query('direction') === 'desc' ? -1 : 1
    const products = store.products
      .filter((product) => !ids || ids.includes(product.id))
      .sort((a, b) => direction * compareBy(a, b, sort))
      .map((product) => withIncludes(store, product, c.req.query('include')))
    return c.json(paginate(products, c))
  })

  app.post('/stores/:hash/v3/catalog/products', requireScope('products', 'write'), async (c) => {
    const store = c.get('store')
    const input = parseOrRefuse(productInputSchema, await readJson(c), 'The product was not valid.')
    const { product, events } = createProduct(store, input, context.now())
    context.raise(store, events)
    return c.json({ data: withIncludes(store, product, 'variants'), meta: {} }, 200)
  })

  app.get('/stores/:hash/v3/catalog/products/:productId', requireScope('products', 'read'), (c) =>
    c.json({ data: withIncludes(c.get('store'), ownProduct(c), c.req.query('include')), meta: {} }),
  )

  app.get('/stores/:hash/v3/catalog/products/:productId/variants', requireScope('products', 'read'), (c) => {
    const product = ownProduct(c)
    return c.json(
      paginate(
        c.get('store').variants.filter((variant) => variant.product_id === product.id),
        c,
      ),
    )
  })

  app.get('/stores/:hash/v3/catalog/products/:productId/variants/:variantId', requireScope('products', 'read'), (c) => {
    const product = ownProduct(c)
    const id = Number(c.req.param('variantId'))
    const variant = c.get('store').variants.find((candidate) => candidate.id === id && candidate.product_id === product.id)
    if (!variant) throw new SimulatorError(404, 'The requested variant was not found.')
    return c.json({ data: variant, meta: {} })
  })

  app.get('/stores/:hash/v3/catalog/variants', requireScope('products', 'read'), (c) => {
    const ids = idList(c.req.query('id:in') ?? c.req.query('id'))
    const productIds = idList(c.req.query('product_id:in'))
    const sku = c.req.query('sku')
    const variants = c
      .get('store')
      .variants.filter((variant) => !ids || ids.includes(variant.id))
      .filter((variant) => !productIds || productIds.includes(variant.product_id))
      .filter((variant) => sku === undefined || variant.sku === sku)
      .sort((a, b) => a.id - b.id)
    return c.json(paginate(variants, c))
  })
}

function ownProduct(c: StoreContext): ProductRecord {
  const id = Number(c.req.param('productId'))
  const product = c.get('store').products.find((candidate) => candidate.id === id)
  if (!product) throw new SimulatorError(404, 'The requested product was not found.')
  return product
}

function withIncludes(store: StoreState, product: ProductRecord, include: string | undefined) {
  const wanted = new Set((include ?? '').split(',').map((part) => part.trim()))
  return {
    ...product,
    ...(wanted.has('variants') ? { variants: store.variants.filter((variant) => variant.product_id === product.id) } : {}),
    ...(wanted.has('images') ? { images: [] } : {}),
    ...(wanted.has('custom_fields') ? { custom_fields: [] } : {}),
    ...(wanted.has('bulk_pricing_rules') ? { bulk_pricing_rules: [] } : {}),
    ...(wanted.has('modifiers') ? { modifiers: [] } : {}),
    ...(wanted.has('options') ? { options: [] } : {}),
    ...(wanted.has('videos') ? { videos: [] } : {}),
    ...(wanted.has('channels') ? { channels: [1] } : {}),
  }
}
