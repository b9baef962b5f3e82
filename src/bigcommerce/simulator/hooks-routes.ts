import * as z from 'zod/mini'
import { paginate, parseOrRefuse, readJson } from './http-replies'
import { epochSeconds, type RouteContext, type SimulatorApp, type StoreContext } from './route-context'
import { SimulatorError, nextId } from './store-basics'
import type { HookRecord, StoreState } from './store-state'

/**
 * Webhooks v3 (webhooks.v3.yml): hooks per API account (they need no OAuth scope), and
 * `/hooks/admin` with the account's notification emails, hook statuses and denylisted domains.
 */

const MAX_HOOKS_PER_SCOPE = 10

const hookBodySchema = z.object({
  scope: z.optional(z.string()),
  destination: z.optional(z.string()),
  is_active: z.optional(z.boolean()),
  headers: z.optional(z.nullable(z.record(z.string(), z.string()))),
})

const adminBodySchema = z.object({ emails: z.array(z.string().check(z.regex(/^[^\s@]+@[^\s@]+$/))) })

export function hooksRoutes(app: SimulatorApp, context: RouteContext) {
  const nowSeconds = () => epochSeconds(context.now())

  // Before `/v3/hooks/:id`, which would otherwise take `admin` for an id.
  app.get('/stores/:hash/v3/hooks/admin', (c) => {
    const store = c.get('store')
    const clientId = c.get('account').clientId
    context.release(store)
    const isActive = c.req.query('is_active')
    const hooks = store.hooks
      .filter((hook) => hook.client_id === clientId)
      .filter((hook) => isActive === undefined || String(hook.is_active) === isActive)
      .map((hook) => ({ ...hook, status: hookStatus(store, hook) }))
    const page = paginate(hooks, c, 250)
    const at = nowSeconds()
    const blocked = store.blockedDomains
      .filter((block) => block.clientId === clientId)
      .map((block) => ({
        destination: `https://${block.domain}`,
        time_left: block.until - at,
        reasons: [{ failure_description: block.reason, count: 1, timestamp: block.blockedAt }],
      }))
    return c.json({
      data: { emails: store.notificationEmails[clientId] ?? [], hooks_list: page.data, blocked_domains: blocked },
      meta: page.meta,
    })
  })

  app.put('/stores/:hash/v3/hooks/admin', async (c) => {
    const input = parseOrRefuse(adminBodySchema, await readJson(c), 'JSON data is missing or invalid')
    c.get('store').notificationEmails[c.get('account').clientId] = input.emails
    return c.body(null, 204)
  })

  app.get('/stores/:hash/v3/hooks', (c) => {
    const clientId = c.get('account').clientId
    const { scope, destination } = c.req.query()
    const isActive = c.req.query('is_active')
    const hooks = c
      .get('store')
      .hooks.filter((hook) => hook.client_id === clientId)
      .filter((hook) => scope === undefined || hook.scope === scope)
      .filter((hook) => destination === undefined || hook.destination === destination)
      .filter((hook) => isActive === undefined || String(hook.is_active) === isActive)
    return c.json(paginate(hooks, c))
  })

  app.post('/stores/:hash/v3/hooks', async (c) => {
    const store = c.get('store')
    const clientId = c.get('account').clientId
    const input = parseHookBody(await readJson(c), 'create')
    const scope = input.scope ?? ''
    const destination = input.destination ?? ''
    const mine = store.hooks.filter((hook) => hook.client_id === clientId)
    if (mine.some((hook) => hook.scope === scope && hook.destination === destination)) {
      throw new SimulatorError(422, 'A webhook with this scope and destination already exists.', {
        destination: `This API account already has a ${scope} webhook for ${destination}.`,
      })
    }
    if (mine.filter((hook) => hook.scope === scope).length >= MAX_HOOKS_PER_SCOPE) {
      throw new SimulatorError(422, `At most ${MAX_HOOKS_PER_SCOPE} webhooks per scope are allowed.`, {
        scope: `This API account already has ${MAX_HOOKS_PER_SCOPE} ${scope} webhooks.`,
      })
    }
    const at = nowSeconds()
    const hook: HookRecord = {
      // Counted over every store's hooks, so an id is never reused in another store.
      id: nextId(
        context.state().stores.flatMap((candidate) => candidate.hooks),
        25_000_001,
      ),
      client_id: clientId,
      store_hash: store.hash,
      scope,
      destination,
      is_active: input.is_active ?? true,
      headers: nonEmptyHeaders(input.headers),
      created_at: at,
      updated_at: at,
    }
    store.hooks.push(hook)
    return c.json({ data: hook, meta: {} }, 200)
  })

  app.get('/stores/:hash/v3/hooks/:id', (c) => c.json({ data: ownHook(c), meta: {} }))

  app.put('/stores/:hash/v3/hooks/:id', async (c) => {
    const store = c.get('store')
    const hook = ownHook(c)
    const input = parseHookBody(await readJson(c), 'update')
    const scope = input.scope ?? hook.scope
    const destination = input.destination ?? hook.destination
    const clash = store.hooks.some(
      (other) => other.id !== hook.id && other.client_id === hook.client_id && other.scope === scope && other.destination === destination,
    )
    if (clash)
      throw new SimulatorError(422, 'A webhook with this scope and destination already exists.', {
        destination: `Another ${scope} webhook already uses ${destination}.`,
      })
    hook.scope = scope
    hook.destination = destination
    if (input.is_active !== undefined) {
      hook.is_active = input.is_active
      // Set by its owner now, so no longer "deactivated" by BigCommerce (docs/bigcommerce-api-notes.md §3.4: reactivate with PUT).
      store.deactivatedHookIds = store.deactivatedHookIds.filter((id) => id !== hook.id)
    }
    if (input.headers !== undefined) hook.headers = nonEmptyHeaders(input.headers)
    hook.updated_at = nowSeconds()
    return c.json({ data: hook, meta: {} })
  })

  app.delete('/stores/:hash/v3/hooks/:id', (c) => {
    const hook = ownHook(c)
    const store = c.get('store')
    store.hooks = store.hooks.filter((candidate) => candidate !== hook)
    store.deactivatedHookIds = store.deactivatedHookIds.filter((id) => id !== hook.id)
    return c.json({ data: hook, meta: {} })
  })
}

/** `status` in `/hooks/admin`: `deactivated` is BigCommerce's doing, `inactive` the owner's. */
function hookStatus(store: StoreState, hook: HookRecord): 'active' | 'inactive' | 'deactivated' {
  if (hook.is_active) return 'active'
  return store.deactivatedHookIds.includes(hook.id) ? 'deactivated' : 'inactive'
}

function ownHook(c: StoreContext): HookRecord {
  const id = Number(c.req.param('id'))
  const hook = c.get('store').hooks.find((candidate) => candidate.id === id && candidate.client_id === c.get('account').clientId)
  if (!hook) throw new SimulatorError(404, `Webhook with id [${c.req.param('id')}] not found`)
  return hook
}

function parseHookBody(body: unknown, mode: 'create' | 'update') {
  const input = parseOrRefuse(hookBodySchema, body, 'JSON data is missing or invalid')
  const errors: Record<string, string> = {}
  if (mode === 'create') {
    if (input.scope === undefined) errors['scope'] = 'error.path.missing.'
    if (input.destination === undefined) errors['destination'] = 'error.path.missing.'
  } else if (Object.values(input).every((value) => value === undefined)) {
    throw new SimulatorError(422, 'At least one field is required to perform an update.')
  }
  if (input.scope !== undefined && !/^store\/[A-Za-z0-9_/*{}-]+$/.test(input.scope)) {
    errors['scope'] = `${input.scope} is not a webhook scope.`
  }
  if (input.destination !== undefined && !isHttps443(input.destination)) {
    errors['destination'] = 'The destination must be an https URL served on port 443; custom ports are not supported.'
  }
  if (Object.keys(errors).length > 0) throw new SimulatorError(422, 'JSON data is missing or invalid', errors)
  return input
}

function isHttps443(destination: string): boolean {
  try {
    const url = new URL(destination)
    return url.protocol === 'https:' && (url.port === '' || url.port === '443')
  } catch {
    return false
  }
}

function nonEmptyHeaders(headers: Record<string, string> | null | undefined): Record<string, string> | null {
  return headers && Object.keys(headers).length > 0 ? headers : null
}
