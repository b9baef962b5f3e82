import * as z from 'zod/mini'
import { callbackSchema, eventScopeSchema } from './events'
import { customHeaderSchema, customHeadersSchema } from './custom-headers'
import { actionStepDraftSchema } from './actions'
import { actionStepsSchema } from './action-steps'

/**
 * The REST contract between the UI and any backend. Paths are in `routes.ts`.
 * Requests are validated by the backend; every response is parsed by `httpBackend`.
 */

const id = z.string().check(z.minLength(1))
const isoTime = z.string()
/**
 * A name a user gives (an automation's, an account's), trimmed: text a person can read, so no
 * control character (a bell, an escape, a line break inside) and no line or paragraph separator,
 * which pages and logs would show as nothing, or as a break in the wrong place.
 */
const displayName = z.string().check(
  z.trim(),
  z.minLength(1, 'Enter a name.'),
  z.maxLength(100, 'Keep the name under 100 characters.'),
  z.refine((name) => !/[\p{Cc}\u2028\u2029]/u.test(name), 'A name cannot hold control characters, such as a tab or a line break.'),
)

// ── Accounts ────────────────────────────────────────────────────────────────

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

// ── Trigger configuration ──────────────────────────────────────────────────

/** Where the user is in the flow; kept in the draft so a reload returns to the same place. */
export const wizardStageSchema = z.enum(['connector', 'chooseTrigger', 'configureTrigger', 'test'])
export type WizardStage = z.infer<typeof wizardStageSchema>

/** A draft may be incomplete at any point; `null` means not chosen yet. */
export const triggerDraftSchema = z.object({
  stage: wizardStageSchema,
  connector: z.nullable(z.literal('bigcommerce')),
  trigger: z.nullable(z.literal('bigcommerce')),
  accountId: z.nullable(id),
  event: z.nullable(eventScopeSchema),
  headers: z.array(customHeaderSchema),
  /** The action steps as configured so far (Configure Action Step); absent in drafts from before actions. */
  steps: z.optional(z.array(actionStepDraftSchema)),
})
export type TriggerDraft = z.infer<typeof triggerDraftSchema>

/**
 * What an incomplete draft lacks, in the same words whether the form says it before a request
 * or the backend says it after one.
 */
export const missingChoiceMessages = {
  accountId: 'Choose an account or add a new one.',
  event: 'Select an event.',
} as const

/**
 * A configuration that can be tested and saved: everything chosen, headers valid. The core
 * saves header names trimmed (the header rules ignore surrounding spaces too).
 */
export const triggerConfigSchema = z.object({
  connector: z.literal('bigcommerce'),
  trigger: z.literal('bigcommerce'),
  accountId: id,
  event: eventScopeSchema,
  headers: customHeadersSchema,
  /** Run in order for every event; absent in versions saved before actions, which run none. */
  steps: z.optional(actionStepsSchema),
})
export type TriggerConfig = z.infer<typeof triggerConfigSchema>

/** What BigCommerce holds for a saved trigger, as far as the backend knows. */
export const webhookRegistrationSchema = z.object({
  status: z.enum(['registered', 'not_registered']),
  /** The BigCommerce hook id, when registered. */
  hookId: z.nullable(z.number()),
  destination: z.nullable(z.string()),
  /** Why it is not registered, in words, e.g. "Set PUBLIC_URL …". */
  detail: z.nullable(z.string()),
})
export type WebhookRegistration = z.infer<typeof webhookRegistrationSchema>

/**
 * One saved version of a trigger, immutable once saved: every Save and Exit adds one, numbered
 * from 1. The newest is the one in effect (`TriggerState.saved`).
 */
export const savedTriggerSchema = z.object({
  version: z.number(),
  savedAt: isoTime,
  config: triggerConfigSchema,
  /** What was registered at BigCommerce as the version was saved. */
  webhook: webhookRegistrationSchema,
  /** The earlier version this one was restored from (then perhaps changed), or null. */
  restoredFrom: z.nullable(z.number()),
})
export type SavedTrigger = z.infer<typeof savedTriggerSchema>

/**
 * What the reconciler last saw at BigCommerce for a saved trigger, and did about it.
 * `registered`: the hook is there and active; `missing`: BigCommerce has no hook for it;
 * `deactivated`: BigCommerce switched it off (48 h of failed retries, or 90 idle days);
 * `not_registered`: nothing is wanted there (no PUBLIC_URL); `unknown`: the check itself failed.
 */
export const hookStatusSchema = z.enum(['registered', 'missing', 'deactivated', 'not_registered', 'unknown'])
export type HookStatus = z.infer<typeof hookStatusSchema>

export const triggerHealthSchema = z.object({
  status: hookStatusSchema,
  hookId: z.nullable(z.number()),
  /** BigCommerce denylists a destination domain whose success ratio falls under 90 % (notes §3.4). */
  blockedDomain: z.nullable(
    z.object({
      destination: z.string(),
      /** When BigCommerce said the block ends: the check's time plus its `time_left`. */
      until: isoTime,
      reasons: z.array(z.string()),
    }),
  ),
  /** Null until the reconciler has looked. */
  lastCheckedAt: z.nullable(isoTime),
  lastDeliveryAt: z.nullable(isoTime),
  deliveriesLast24h: z.number(),
  /**
   * The last delivery the receiver refused (a wrong secret header or signature, another store or
   * event), in its words, until a delivery is stored after it; null when there is none such.
   * BigCommerce counts each as a failure (notes §3.4). Optional because older backends do not send it.
   */
  lastRefusal: z.optional(z.nullable(z.object({ at: isoTime, reason: z.string() }))),
  /** What the last run changed at BigCommerce, in words, e.g. "Reactivated hook 12." */
  actions: z.array(z.string()),
  /** Why the last run could not finish, in words; null when it did. */
  problem: z.nullable(z.string()),
  /**
   * True when the user should look: missing, deactivated, blocklisted, the check failed, or a
   * delivery was refused within the day and none stored since.
   */
  needsAttention: z.boolean(),
})
export type TriggerHealth = z.infer<typeof triggerHealthSchema>

export const triggerStateSchema = z.object({
  /** Stable id of the trigger; the webhook destination ends with it. */
  id,
  draft: triggerDraftSchema,
  saved: z.nullable(savedTriggerSchema),
  /** True when the draft's connector, trigger, account, event or headers differ from `saved`. */
  differsFromSaved: z.boolean(),
  /**
   * The version the draft was restored from, until it is saved or reverted; the next save
   * records it. Optional because older backends do not send it.
   */
  draftRestoredFrom: z.optional(z.nullable(z.number())),
  /**
   * The saved trigger's health as last checked, without asking BigCommerce again; null before
   * a save. Absent from a draft write's answer, which changes no health (and from older backends).
   */
  health: z.optional(z.nullable(triggerHealthSchema)),
})

// ── Automations ────────────────────────────────────────────────────────────

export const automationSchema = z.object({
  id,
  name: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** Activate Automation: its action steps run only while true. Optional because older backends do not send it. */
  active: z.optional(z.boolean()),
  trigger: triggerStateSchema,
})
export type Automation = z.infer<typeof automationSchema>

export const listAutomationsResponseSchema = z.object({ automations: z.array(automationSchema) })

export const createAutomationRequestSchema = z.object({
  name: displayName,
})
export type CreateAutomationRequest = z.infer<typeof createAutomationRequestSchema>

export const updateDraftRequestSchema = z.object({ draft: triggerDraftSchema })

// ── Versions ───────────────────────────────────────────────────────────────

/** How many versions one page of the list holds. */
export const VERSIONS_PAGE_SIZE = 20

/** A version number as a URL has it: a whole number from 1. */
const versionParamSchema = z.pipe(
  z.string().check(z.regex(/^[1-9][0-9]{0,8}$/, 'A version is a whole number from 1.')),
  z.transform((text) => Number(text)),
)

/** A version, or the draft. */
export const versionRefSchema = z.union([z.literal('draft'), z.number()])
export type VersionRef = z.infer<typeof versionRefSchema>

/** `?before=N`: the page of versions older than N; without it, the newest page. */
export const listTriggerVersionsQuerySchema = z.object({ before: z.optional(versionParamSchema) })
export const triggerVersionParamsSchema = z.object({ version: versionParamSchema })
/** `?from=1&to=3`, either of them `draft`. */
export const triggerDiffQuerySchema = z.object({
  from: z.union([z.literal('draft'), versionParamSchema]),
  to: z.union([z.literal('draft'), versionParamSchema]),
})

/** Newest first. `nextBefore` asks for the next (older) page; null when this is the last. */
export const listTriggerVersionsResponseSchema = z.object({
  versions: z.array(savedTriggerSchema),
  nextBefore: z.nullable(z.number()),
})
export type TriggerVersionsPage = z.infer<typeof listTriggerVersionsResponseSchema>

/** An account as a diff names it: its name and store, or null when none is chosen or it is gone. */
const diffAccountSchema = z.object({
  id: z.nullable(z.string()),
  store: z.nullable(z.object({ name: z.string(), storeName: z.string(), storeHash: z.string(), tokenMask: z.string() })),
})
export type DiffAccount = z.infer<typeof diffAccountSchema>

/**
 * One custom header that differs, matched by name whatever its letter case. Values of headers
 * whose name looks secret (`isSecretHeaderName`) are masked, never sent.
 */
export const headerChangeSchema = z.object({
  change: z.enum(['added', 'removed', 'changed']),
  /** As the newer side names it (the older side, when removed). */
  name: z.string(),
  /** The older side's name when only its letter case differs; null otherwise. */
  previousName: z.nullable(z.string()),
  /** Null on the side that lacks the header. */
  from: z.nullable(z.string()),
  to: z.nullable(z.string()),
  valueChanged: z.boolean(),
  secret: z.boolean(),
})
export type HeaderChange = z.infer<typeof headerChangeSchema>

/** What differs between two configurations, field by field; null or empty where nothing does. */
export const triggerDiffSchema = z.object({
  account: z.nullable(z.object({ from: diffAccountSchema, to: diffAccountSchema })),
  event: z.nullable(z.object({ from: z.nullable(eventScopeSchema), to: z.nullable(eventScopeSchema) })),
  headers: z.array(headerChangeSchema),
})
export type TriggerDiff = z.infer<typeof triggerDiffSchema>

export const triggerVersionsDiffSchema = z.object({ from: versionRefSchema, to: versionRefSchema, diff: triggerDiffSchema })
export type TriggerVersionsDiff = z.infer<typeof triggerVersionsDiffSchema>

// ── Test Trigger ───────────────────────────────────────────────────────────

/**
 * Where a test's payload came from, most trustworthy first:
 * a delivery BigCommerce really sent, the store's newest matching record wrapped in the
 * documented envelope, or the documented sample.
 */
export const testSourceSchema = z.enum(['delivered', 'live', 'sample'])
export type TestSource = z.infer<typeof testSourceSchema>

export const triggerTestSchema = z.object({
  source: testSourceSchema,
  testedAt: isoTime,
  event: eventScopeSchema,
  payload: callbackSchema,
  /**
   * The stored delivery shown, when `source` is 'delivered', so the UI can mark it among
   * `listTriggerDeliveries`; null otherwise. Optional because older servers do not send it.
   */
  deliveryId: z.optional(z.nullable(id)),
  /**
   * The backend's words for why this source was used, when it needs saying: e.g. that the
   * store has no such record yet, or that the token lacks the scope to read it, so the sample
   * stands in. Null when the payload speaks for itself.
   */
  note: z.nullable(z.string()),
})
export type TriggerTest = z.infer<typeof triggerTestSchema>

/**
 * What proved a delivery came from BigCommerce: the trigger's secret header (`X-Trigger-Secret`),
 * or also the `webhook-signature` made with the API account's Client Secret.
 */
export const deliveryAuthenticationSchema = z.enum(['signature', 'secret'])
export type DeliveryAuthentication = z.infer<typeof deliveryAuthenticationSchema>

/** A delivery BigCommerce sent to this trigger, exactly as received. */
export const triggerDeliverySchema = z.object({
  id,
  receivedAt: isoTime,
  payload: callbackSchema,
  /** How many times BigCommerce sent the same delivery (same `hash`) again; it is stored once. */
  duplicates: z.number(),
  authenticatedBy: deliveryAuthenticationSchema,
})
export type TriggerDelivery = z.infer<typeof triggerDeliverySchema>

/** How many recent deliveries the Test Trigger output offers to pick from; also a page's size when none is asked. */
export const MAX_LISTED_DELIVERIES = 10
/** A page of the delivery log. */
export const DELIVERY_LOG_PAGE_SIZE = 25
export const MAX_DELIVERY_PAGE_SIZE = 100

/**
 * Which deliveries to list (the query string of `GET …/trigger/deliveries`), newest first.
 * `from` is inclusive and `to` exclusive; `search` is a substring of the payload's JSON text
 * (ASCII letters in any case); `cursor` is the `nextCursor` of the page before.
 */
export const deliveryQuerySchema = z.object({
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(MAX_DELIVERY_PAGE_SIZE))),
  event: z.optional(eventScopeSchema),
  from: z.optional(z.iso.datetime()),
  to: z.optional(z.iso.datetime()),
  search: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
})
export type DeliveryQuery = z.infer<typeof deliveryQuerySchema>

/** Newest first, of any of the six events; `nextCursor` is null on the last page. */
export const listTriggerDeliveriesResponseSchema = z.object({
  deliveries: z.array(triggerDeliverySchema),
  nextCursor: z.nullable(z.string()),
})
export type DeliveryPage = z.infer<typeof listTriggerDeliveriesResponseSchema>

// ── Listen for an event ────────────────────────────────────────────────────

/** How long Listen for an event waits for a delivery; the server ends the stream then. */
export const LISTEN_TIMEOUT_MS = 2 * 60_000
/** A comment line this often keeps proxies from closing a quiet stream. */
export const LISTEN_HEARTBEAT_MS = 15_000

/**
 * The Server-Sent Events of `GET …/trigger/listen`, by event name. `ready` comes first, once
 * the server listens (a delivery stored after it is sent); then either `delivery`, the first
 * one stored, or `end` when the wait timed out. The server closes the stream after either.
 */
export const listenEventSchemas = {
  ready: z.object({ event: eventScopeSchema, timeoutMs: z.number() }),
  delivery: triggerDeliverySchema,
  end: z.object({ reason: z.literal('timeout') }),
} as const
export type ListenReady = z.infer<typeof listenEventSchemas.ready>
export type ListenOutcome = { status: 'delivered'; delivery: TriggerDelivery } | { status: 'timeout' }

/** A delivery (or test payload) whose record to fetch; it must come from the trigger's store. */
export const fetchTriggerResourceRequestSchema = z.object({ payload: callbackSchema })

/**
 * The record behind a delivery, fetched as the connector's action would: the product, the
 * order (also for a converted cart, which BigCommerce deletes), the customer, the shipment
 * or the variant.
 */
export const triggerResourceSchema = z.object({
  /** BigCommerce's JSON object, unchanged: v3 `data`, or the bare v2 object. */
  resource: z.record(z.string(), z.unknown()),
  fetchedAt: isoTime,
  /** The call made, for display, e.g. `GET /v3/catalog/products/205`. */
  request: z.string(),
  /** The OAuth scope that call needs, so the UI can say what an API account must have. */
  readScope: z.object({ label: z.string(), parameter: z.string() }),
})
export type TriggerResource = z.infer<typeof triggerResourceSchema>

// ── Settings ───────────────────────────────────────────────────────────────

export const backendInfoSchema = z.object({
  /** The https base BigCommerce posts deliveries to, or null when none is set. */
  publicUrl: z.nullable(z.string()),
  /** Words for the UI when webhooks cannot be registered, e.g. what to set. */
  webhookHelp: z.nullable(z.string()),
})
export type BackendInfo = z.infer<typeof backendInfoSchema>
