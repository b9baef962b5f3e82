import { Hono } from 'hono'
import {
  accountSchema,
  authorizeAccountRequestSchema,
  listAccountsResponseSchema,
  renameAccountRequestSchema,
  replaceAccountTokenRequestSchema,
} from '../contract/accounts'
import { apiPaths } from '../contract/routes'
import type { TriggerService } from '../core/trigger-service'
import { parseBody, respond } from './request-body'

/** The Accounts page and + Add New Account. */
export function accountRoutes(service: TriggerService): Hono {
  return new Hono()
    .get(apiPaths.accounts, async () => respond(listAccountsResponseSchema, { accounts: await service.listAccounts() }))
    .post(apiPaths.accounts, async (c) => {
      const input = await parseBody(c, authorizeAccountRequestSchema)
      return respond(accountSchema, await service.authorizeAccount(input))
    })
    .patch(apiPaths.account, async (c) => {
      const { name } = await parseBody(c, renameAccountRequestSchema)
      return respond(accountSchema, await service.renameAccount({ accountId: c.req.param('accountId'), name }))
    })
    .delete(apiPaths.account, async (c) => {
      await service.deleteAccount({ accountId: c.req.param('accountId') })
      return new Response(null, { status: 204 })
    })
    .put(apiPaths.accountToken, async (c) => {
      const input = await parseBody(c, replaceAccountTokenRequestSchema)
      return respond(accountSchema, await service.replaceAccountToken({ accountId: c.req.param('accountId'), ...input }))
    })
}
