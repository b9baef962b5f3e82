import { BackendError } from '../contract/errors'
import type { Hook, HookInput, StorePlatform } from '../core/ports'
import { hookReplySchema, hooksAdminReplySchema, pagedHookListReplySchema, type HookReply } from './reply-schemas'
import { parseReply, type Transport } from './transport'

/**
 * Webhooks v3 (`/v3/hooks`, `/v3/hooks/admin`; docs/bigcommerce-api-notes.md §1). They need no
 * OAuth scope, and a token sees only its own API account's hooks (§1.1).
 */
export function hooksApi(
  transport: Transport,
): Pick<StorePlatform, 'createHook' | 'updateHook' | 'deleteHook' | 'listHooksAt' | 'blockedDomains'> {
  const { request, get } = transport
  return {
    async createHook(credentials, input) {
      // A duplicate is refused, not adopted: the caller has looked already (see `createHook` in ports.ts).
      const reply = await request(credentials, {
        method: 'POST',
        path: '/v3/hooks',
        body: hookBody(input),
        what: `a ${input.scope} webhook`,
      })
      return toHook(parseReply(hookReplySchema, reply, 'the new webhook').data)
    },

    async updateHook(credentials, hookId, input) {
      const reply = await request(credentials, {
        method: 'PUT',
        path: `/v3/hooks/${hookId}`,
        body: hookBody(input),
        what: `webhook ${hookId}`,
      })
      return toHook(parseReply(hookReplySchema, reply, `webhook ${hookId}`).data)
    },

    async deleteHook(credentials, hookId) {
      try {
        await request(credentials, { method: 'DELETE', path: `/v3/hooks/${hookId}`, what: `webhook ${hookId}` })
      } catch (error) {
        if (error instanceof BackendError && error.code === 'not_found') return
        throw error
      }
    },

    async listHooksAt(credentials, destination) {
      const hooks: Hook[] = []
      // 250 is the most a page holds; one destination has a hook per scope, so one page as a rule.
      for (let page = 1; ; page++) {
        const reply = await get(credentials, pagedHookListReplySchema, {
          path: '/v3/hooks',
          query: { destination, limit: '250', page: String(page) },
          what: 'the webhooks',
        })
        hooks.push(...reply.data.filter((hook) => hook.destination === destination).map(toHook))
        if (page >= (reply.meta?.pagination?.total_pages ?? 1)) return hooks
      }
    },

    async blockedDomains(credentials) {
      const reply = await get(credentials, hooksAdminReplySchema, { path: '/v3/hooks/admin', what: 'the webhook status' })
      return (reply.data.blocked_domains ?? []).map((block) => ({
        destination: block.destination,
        timeLeftSeconds: block.time_left,
        reasons: (block.reasons ?? []).flatMap((reason) => (reason.failure_description ? [reason.failure_description] : [])),
      }))
    },
  }
}

function hookBody(input: HookInput) {
  // Always explicit: older docs said new hooks default to inactive (docs/bigcommerce-api-notes.md §1.3).
  return { scope: input.scope, destination: input.destination, is_active: true, headers: input.headers }
}

function toHook(hook: HookReply): Hook {
  return { id: hook.id, scope: hook.scope, destination: hook.destination, is_active: hook.is_active, headers: hook.headers ?? null }
}
