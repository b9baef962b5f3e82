import * as z from 'zod/mini'
import { SimulatorError, int, isoDate, nextId, type StoreEvent } from './store-basics'
import type { ProductRecord, StoreState, VariantRecord } from './store-state'

/** Products and their variants (products_catalog.v3.yml, product-variants_catalog.v3.yml). */

export const productInputSchema = z.looseObject({
  name: z.string().check(z.minLength(1), z.maxLength(250)),
  type: z.enum(['physical', 'digital']),
  weight: z.number().check(z.minimum(0)),
  price: z.number().check(z.minimum(0)),
  sku: z.optional(z.string()),
  description: z.optional(z.string()),
  categories: z.optional(z.array(int)),
  inventory_level: z.optional(int),
  is_visible: z.optional(z.boolean()),
  variants: z.optional(z.array(z.looseObject({ sku: z.string().check(z.minLength(1)), price: z.optional(z.nullable(z.number())) }))),
})
type ProductInput = z.infer<typeof productInputSchema>

function productDefaults(id: number, input: ProductInput, at: Date) {
  const slug = input.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return {
    id,
    name: input.name,
    type: input.type,
    sku: input.sku ?? '',
    description: input.description ?? '',
    weight: input.weight,
    width: 0,
    depth: 0,
    height: 0,
    price: input.price,
    cost_price: 0,
    retail_price: 0,
    sale_price: 0,
    map_price: 0,
    tax_class_id: 0,
    product_tax_code: '',
    calculated_price: input.price,
    categories: input.categories ?? [],
    brand_id: 0,
    option_set_id: 0,
    option_set_display: 'right',
    inventory_level: input.inventory_level ?? 0,
    inventory_warning_level: 0,
    inventory_tracking: 'none',
    reviews_rating_sum: 0,
    reviews_count: 0,
    total_sold: 0,
    fixed_cost_shipping_price: 0,
    is_free_shipping: false,
    is_visible: input.is_visible ?? true,
    is_featured: false,
    related_products: [-1],
    warranty: '',
    bin_picking_number: '',
    layout_file: 'product.html',
    upc: '',
    mpn: '',
    gtin: '',
    search_keywords: '',
    availability: 'available',
    availability_description: '',
    gift_wrapping_options_type: 'any',
    gift_wrapping_options_list: [],
    sort_order: 0,
    condition: 'New',
    is_condition_shown: false,
    order_quantity_minimum: 0,
    order_quantity_maximum: 0,
    page_title: '',
    meta_keywords: [],
    meta_description: '',
    date_created: isoDate(at),
    date_modified: isoDate(at),
    view_count: 0,
    preorder_release_date: null,
    preorder_message: '',
    is_preorder_only: false,
    is_price_hidden: false,
    price_hidden_label: '',
    custom_url: { url: `/${slug}/`, is_customized: false },
    base_variant_id: null as number | null,
    open_graph_type: 'product',
    open_graph_title: '',
    open_graph_description: '',
    open_graph_use_meta_description: true,
    open_graph_use_product_name: true,
    open_graph_use_image: true,
  }
}

function variantRecord(id: number, skuId: number, product: ProductRecord, sku: string, price: number | null): VariantRecord {
  return {
    id,
    product_id: product.id,
    sku,
    sku_id: skuId,
    cost_price: 0,
    price,
    sale_price: null,
    retail_price: null,
    map_price: 0,
    weight: null,
    width: null,
    height: null,
    depth: null,
    is_free_shipping: false,
    fixed_cost_shipping_price: null,
    purchasing_disabled: false,
    purchasing_disabled_message: '',
    image_url: '',
    upc: '',
    mpn: '',
    gtin: '',
    inventory_level: 0,
    inventory_warning_level: 0,
    bin_picking_number: '',
    option_values: [],
    calculated_price: price ?? product.price,
    calculated_weight: typeof product['weight'] === 'number' ? product['weight'] : 0,
  }
}

/** Creates the product and its base variant (plus any given variants): one product event, one SKU event per variant. */
export function createProduct(store: StoreState, input: ProductInput, at: Date): { product: ProductRecord; events: StoreEvent[] } {
  if (store.products.some((product) => product.name.toLowerCase() === input.name.toLowerCase())) {
    throw new SimulatorError(409, `The product name is a duplicate`, { name: `A product named "${input.name}" already exists.` })
  }
  const skus = [input.sku ?? '', ...(input.variants ?? []).map((variant) => variant.sku)].filter((sku) => sku !== '')
  const taken = skus.find((sku) => store.variants.some((variant) => variant.sku.toLowerCase() === sku.toLowerCase()))
  if (taken) throw new SimulatorError(409, 'The SKU is a duplicate', { sku: `SKU "${taken}" is already used.` })

  const id = nextId(store.products, 101)
  const product: ProductRecord = productDefaults(id, input, at)
  store.products.push(product)
  const events: StoreEvent[] = [{ scope: 'store/product/created', data: { type: 'product', id } }]
  const addVariant = (sku: string, price: number | null) => {
    const variantId = nextId(store.variants, 201)
    const skuId = store.variants.reduce((max, variant) => Math.max(max, variant.sku_id ?? 0), 300) + 1
    const variant = variantRecord(variantId, skuId, product, sku, price)
    store.variants.push(variant)
    events.push({ scope: 'store/sku/created', data: { type: 'sku', id: skuId, sku: { product_id: id, variant_id: variantId } } })
    return variant
  }
  product.base_variant_id = addVariant(product.sku, null).id
  for (const variant of input.variants ?? []) addVariant(variant.sku, variant.price ?? null)
  return { product, events }
}

/** A line's product and variant (the base variant unless one is named), and its unit price; 422 when either is unknown. */
export function requireProduct(store: StoreState, productId: number, variantId: number | undefined) {
  const product = store.products.find((candidate) => candidate.id === productId)
  if (!product) throw new SimulatorError(422, 'Product not found', { product_id: `Product ${productId} does not exist.` })
  const variant = store.variants.find((candidate) =>
    variantId === undefined ? candidate.id === product.base_variant_id : candidate.id === variantId && candidate.product_id === productId,
  )
  if (!variant)
    throw new SimulatorError(422, 'Variant not found', { variant_id: `Variant ${variantId ?? ''} of product ${productId} does not exist.` })
  const price = typeof variant['calculated_price'] === 'number' ? variant['calculated_price'] : product.price
  return { product, variant, price }
}
