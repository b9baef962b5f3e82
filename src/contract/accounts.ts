import * as z from 'zod/mini'
import { displayName, id, isoTime } from './fields'

/** Accounts: an authorized store, and the requests that add, rename, re-token one. */

/**
 * The store areas the six events are about. What a token may read is checked per area, since
 * an API account's OAuth scopes are granted per area (notes §4.4).
 */
export const readAreaSchema = z.enum(['products', 'orders', 'customers'])

export type ReadArea = z.infer<typeof readAreaSchema>

/**
 * `granted`: BigCommerce let the token read the area; `missing`: it answered 403, the token lacks
 * the scope; `unknown`: the check failed for another reason (BigCommerce unreachable, say).
 */
export const readAccessSchema = z.enum(['granted', 'missing', 'unknown'])

export type ReadAccess = z.infer<typeof readAccessSchema>

/** What the token could read when last checked (at Authorize and at token re-entry). */
export const readScopesSchema = z.object({
  checkedAt: isoTime,
  areas: z.record(readAreaSchema, readAccessSchema),
})

export type ReadScopes = z.infer<typeof readScopesSchema>

/** An automation that uses an account, as the Accounts page links to it. */
export const accountUserSchema = z.object({ id, name: z.string() })

/** An authorized store. The access token never leaves the backend: only a mask does. */
export const accountSchema = z.object({
  id,
  connector: z.literal('bigcommerce'),
  /** What the user calls the account; the store's name until it is renamed. */
  name: z.string(),
  storeHash: z.string(),
  storeName: z.string(),
  /** e.g. `••••••••k2f9`: the last four characters, so a user can tell tokens apart. */
  tokenMask: z.string(),
  /**
   * True when the API account's Client Secret is stored, so deliveries' Standard Webhooks
   * signatures are checked; the secret itself never leaves the backend. Optional because older
   * backends do not send it.
   */
  signatureChecked: z.optional(z.boolean()),
  createdAt: isoTime,
  /** When BigCommerce last accepted the token: at Authorize and at token re-entry. */
  lastVerifiedAt: isoTime,
  /** Null for an account authorized before scopes were checked. */
  readScopes: z.nullable(readScopesSchema),
  /** The automations whose draft or saved trigger uses the account; it cannot be deleted while any do. */
  usedBy: z.array(accountUserSchema),
})

export type Account = z.infer<typeof accountSchema>

export const listAccountsResponseSchema = z.object({ accounts: z.array(accountSchema) })

/**
 * Raw input as typed; the backend normalises the hash and reports problems at `storeHash`,
 * `accessToken` or `clientSecret`. The Client Secret is optional: without it (or left empty)
 * deliveries are checked by the trigger's secret header alone.
 */
export const authorizeAccountRequestSchema = z.object({
  connector: z.literal('bigcommerce'),
  storeHash: z.string(),
  accessToken: z.string(),
  clientSecret: z.optional(z.string()),
})

export type AuthorizeAccountRequest = z.infer<typeof authorizeAccountRequestSchema>

export const renameAccountRequestSchema = z.object({
  name: displayName,
})

export type RenameAccountRequest = z.infer<typeof renameAccountRequestSchema>

/**
 * Raw input as typed; the backend normalises both and reports problems at `accessToken` or
 * `clientSecret`. A Client Secret belongs to one API account: with a new token, one given is
 * kept and none given means signatures are no longer checked.
 */
export const replaceAccountTokenRequestSchema = z.object({ accessToken: z.string(), clientSecret: z.optional(z.string()) })

export type ReplaceAccountTokenRequest = z.infer<typeof replaceAccountTokenRequestSchema>
