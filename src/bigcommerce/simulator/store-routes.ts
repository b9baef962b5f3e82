import { epochSeconds, requireScope, type RouteContext, type SimulatorApp } from './route-context'
import type { StoreState } from './store-state'

/** Store information v2 (store_information.v2.yml): `GET /v2/store` and `GET /v2/time`. */
export function storeRoutes(app: SimulatorApp, context: RouteContext) {
  app.get('/stores/:hash/v2/store', requireScope('information', 'read'), (c) => c.json(storeInformation(c.get('store'))))
  app.get('/stores/:hash/v2/time', requireScope('information', 'read'), (c) => c.json({ time: epochSeconds(context.now()) }))
}

function storeInformation(store: StoreState) {
  return {
    id: store.hash,
    account_uuid: '8d4d492f-17a1-4d95-b396-e1c5720815a5',
    domain: `${store.hash}.example.com`,
    secure_url: `https://${store.hash}.example.com`,
    control_panel_base_url: `https://store-${store.hash}.mybigcommerce.com`,
    status: 'live',
    name: store.name,
    first_name: 'Jane',
    last_name: 'Doe',
    address: `${store.name}\n1 Main Street\nAustin, Texas 78701`,
    country: 'United States',
    country_code: 'US',
    infrastructure_region: 'us-central1',
    phone: '555-123-4567',
    admin_email: `admin@${store.hash}.example.com`,
    order_email: `orders@${store.hash}.example.com`,
    favicon_url: '',
    timezone: {
      name: 'America/Chicago',
      raw_offset: -21600,
      dst_offset: -18000,
      dst_correction: true,
      date_format: { display: 'M jS Y', export: 'M jS Y', extended_display: 'M jS Y @ g:i A' },
    },
    language: 'en',
    currency: 'USD',
    currency_symbol: '$',
    decimal_separator: '.',
    thousands_separator: ',',
    decimal_places: 2,
    currency_symbol_location: 'left',
    weight_units: 'LBS',
    dimension_units: 'Inches',
    dimension_decimal_places: 2,
    dimension_decimal_token: '.',
    dimension_thousands_token: ',',
    plan_name: 'Standard',
    plan_level: 'Standard',
    plan_is_trial: false,
    industry: 'Retail',
    logo: [],
    is_price_entered_with_tax: false,
    // An integer here, though deliveries carry it as a string (store_information.v2.yml).
    store_id: Number(store.storeId),
    default_channel_id: 1,
    default_site_id: 1000,
    active_comparison_modules: [],
    features: {
      stencil_enabled: true,
      sitewidehttps_enabled: true,
      facebook_catalog_id: '',
      checkout_type: 'optimized',
      wishlists_enabled: false,
      graphql_storefront_api_enabled: true,
      shopper_consent_tracking_enabled: true,
      multi_storefront_enabled: false,
      storefront_limits: { active: 1, total_including_inactive: 1 },
    },
  }
}
