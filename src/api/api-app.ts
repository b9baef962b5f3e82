import { Hono, type Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import type * as z from 'zod/mini'
import {
  accountSchema,
  authorizeAccountRequestSchema,
  automationSchema,
  backendInfoSchema,
  createAutomationRequestSchema,
  deliveryQuerySchema,
  fetchTriggerResourceRequestSchema,
  LISTEN_HEARTBEAT_MS,
  listenEventSchemas,
  listAccountsResponseSchema,
  listAutomationsResponseSchema,
  listTriggerDeliveriesResponseSchema,
  renameAccountRequestSchema,
  replaceAccountTokenRequestSchema,
  listTriggerVersionsQuerySchema,
  listTriggerVersionsResponseSchema,
  savedTriggerSchema,
  triggerDiffQuerySchema,
  triggerDeliverySchema,
  triggerHealthSchema,
  triggerResourceSchema,
  triggerTestSchema,
  triggerVersionParamsSchema,
  triggerVersionsDiffSchema,
  updateDraftRequestSchema,
  type ListenReady,
} from '../contract/api'
import { TRIGGER_SECRET_HEADER } from '../contract/custom-headers'
import { BackendError, retryAfterSeconds, statusForCode, type ErrorBody } from '../contract/errors'
import { apiRoutes, webhookPath } from '../contract/routes'
import { fieldWithUnstorableText, UNSTORABLE_ESCAPE, UNSTORABLE_TEXT } from '../contract/storable-text'
import { isStorageUnavailable } from '../core/storage-unavailable'
import type { DeliveryOutcome, TriggerService } from '../core/trigger-service'
import { parseInput } from '../core/validation-error'

/** BigCommerce's callbacks are a few hundred bytes (notes §3.1); anything near this is not one. */
export const WEBHOOK_BODY_LIMIT_BYTES = 64 * 1024
/** A draft may hold up to 20 headers of 1 KB each, plus whatever is being typed. */
export const API_BODY_LIMIT_BYTES = 256 * 1024

/**
 * A hono pattern from a contract path builder, so paths stay defined once. The builders
 * percent-encode, which would turn `:param` into `%3Aparam`, hence the placeholder.
 */
function routePattern(build: (id: string) => string, param: string): string {
  return build('PLACEHOLDER').replace('PLACEHOLDER', `:${param}`)
}

/**
 * Every failure as the one error shape, with the status its code maps to (never one carried
 * from elsewhere: a 401 from BigCommerce means the user's token is wrong, not their session).
 * Anything that is not a `BackendError` is not the caller's fault and its words may hold a
 * token, so the caller sees a generic answer and `onUnexpectedError` (a log) sees the error:
 * a 503 when the database could not answer (wherever that happened), else a 500.
 * The Node server answers its own failures, and deliveries, with this too.
 */
export function errorReply(
  error: unknown,
  onUnexpectedError?: (error: unknown) => void,
): { status: number; headers: Record<string, string>; body: ErrorBody } {
  if (!(error instanceof BackendError)) {
    onUnexpectedError?.(error)
    return errorReply(
      isStorageUnavailable(error)
        ? new BackendError('storage_unavailable', 'The database is unavailable just now. Try again in a few seconds.')
        : new BackendError('internal', 'Something went wrong on our side. Try again in a moment.'),
    )
  }
  const retryAfter = retryAfterSeconds(error.code)
  return {
    status: statusForCode(error.code),
    headers: retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
    body: error.toBody(),
  }
}

/** `errorReply` as a web Response. */
export function errorResponse(error: unknown, onUnexpectedError?: (error: unknown) => void): Response {
  const { status, headers, body } = errorReply(error, onUnexpectedError)
  return Response.json(body, { status, headers })
}

/** The 404 for a path nothing serves, shared with the Node server. */
export function notFoundResponse(request: { method: string; path: string }): Response {
  return errorResponse(new BackendError('not_found', `Nothing is served at ${request.method} ${request.path}.`))
}

/** `application/json`, with or without parameters such as `; charset=utf-8`. */
function isJsonContentType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json'
}

/** Reads at most `limit` bytes, refusing early on a declared length and again on what arrives. */
export function bodyTooLarge(limit: number): BackendError {
  return new BackendError('payload_too_large', `The body is larger than ${Math.round(limit / 1024)} KB.`)
}

async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  const tooLarge = () => bodyTooLarge(limit)
  const length = request.headers.get('content-length')
  const declared = length === null ? Number.NaN : Number(length)
  if (Number.isFinite(declared) && declared > limit) throw tooLarge()
  // A declared length within the limit bounds what can arrive (HTTP framing holds the body to
  // it), so the body is read whole: on Node, @hono/node-server then reads it straight from the
  // socket, without building a web Request and stream (a tenth of a delivery's time in a profile).
  if (Number.isFinite(declared)) return new Uint8Array(await request.arrayBuffer())
  if (!request.body) return new Uint8Array()
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge()
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

async function readText(request: Request, limit: number): Promise<string> {
  return new TextDecoder().decode(await readBody(request, limit))
}

function parseJson(text: string): unknown {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new BackendError('malformed_json', 'The body is not valid JSON: it could not be parsed.')
  }
  // Only a body with such an escape is searched (a surrogate pair, an emoji say, comes as one too).
  const field = UNSTORABLE_ESCAPE.test(text) ? fieldWithUnstorableText(value) : undefined
  if (field !== undefined) throw new BackendError('validation_failed', UNSTORABLE_TEXT, field === '' ? {} : { field })
  return value
}

async function readJson(request: Request, limit: number): Promise<unknown> {
  return parseJson(await readText(request, limit))
}

/** Request bodies go through the contract's schema; the first problem names its field. */
async function parseBody<T>(c: Context, schema: z.ZodMiniType<T>): Promise<T> {
  return parseInput(schema, await readJson(c.req.raw, API_BODY_LIMIT_BYTES))
}

/** Query strings too, by name, so a problem names its parameter (`before`, `from`). */
function parseQuery<T>(c: Context, schema: z.ZodMiniType<T>): T {
  const query = c.req.query()
  const field = fieldWithUnstorableText(query)
  if (field !== undefined) throw new BackendError('validation_failed', UNSTORABLE_TEXT, { field })
  return parseInput(schema, query)
}

/** Responses go through the contract too, so nothing outside it (a token, say) can leak. */
function respond<T>(schema: z.ZodMiniType<T>, value: T, status = 200): Response {
  return Response.json(schema.parse(value), { status })
}

/** Why a Listen for an event stream ended: a delivery was sent, the wait timed out, or the client went (Cancel, a closed tab). */
export type ListenEndReason = 'delivered' | 'timeout' | 'client_closed'

export type ListenStreamEvent =
  | { phase: 'opened'; automationId: string; openStreams: number }
  | { phase: 'closed'; automationId: string; openStreams: number; reason: ListenEndReason }

export type ApiAppOptions = {
  /** Told about errors that are not the caller's fault, for logging; the caller sees a generic 500. */
  onUnexpectedError?: (error: unknown) => void
  /** Told when a listen stream opens and closes, and how many stay open, for the log. */
  onListenStream?: (event: ListenStreamEvent) => void
}

/** One Server-Sent Event of the listen stream, its data parsed by the contract's schema first. */
function listenEvent<Name extends keyof typeof listenEventSchemas>(
  event: Name,
  data: z.infer<(typeof listenEventSchemas)[Name]>,
): { event: Name; data: string } {
  return { event, data: JSON.stringify(listenEventSchemas[event].parse(data)) }
}

/** A delivery as it arrived, whoever carried it: hono here, node:http in the Node server. */
export type WebhookRequest = {
  /** The id from the path, `/hooks/bigcommerce/{triggerId}`. */
  triggerId: string
  /** A header's value by its lower-case name. */
  header(name: string): string | undefined
  /** The body as text, refused with payload_too_large past `limit` bytes. */
  text(limit: number): Promise<string>
}

/**
 * The webhook receiver: checks what HTTP carries (a JSON body within the limit), then hands the
 * delivery to the service, which answers only once it is stored. BigCommerce wants a 2xx at
 * once (notes §3.3). Shared by the demo's hono route and the Node server's node:http one.
 */
export async function receiveWebhook(service: Pick<TriggerService, 'receiveDelivery'>, request: WebhookRequest): Promise<DeliveryOutcome> {
  // `%00` in the address: no trigger has such an id (UNSTORABLE_TEXT).
  if (request.triggerId.includes('\0')) throw new BackendError('not_found', 'No trigger listens at this address.')
  // BigCommerce declares `application/json`, perhaps with parameters; anything else is not a
  // callback, and saying 415 at once is clearer than a parse error.
  if (!isJsonContentType(request.header('content-type'))) {
    throw new BackendError('unsupported_media_type', 'A delivery is JSON, sent with the header Content-Type: application/json.')
  }
  // The text as it came: a signature covers these exact bytes, not a re-serialisation.
  const rawBody = await request.text(WEBHOOK_BODY_LIMIT_BYTES)
  const body = parseJson(rawBody)
  const signature = request.header('webhook-signature') ?? null
  return service.receiveDelivery({
    triggerId: request.triggerId,
    secretHeader: request.header(TRIGGER_SECRET_HEADER.toLowerCase()) ?? null,
    body,
    ...(signature === null
      ? {}
      : {
          signed: {
            rawBody,
            headers: { id: request.header('webhook-id') ?? null, timestamp: request.header('webhook-timestamp') ?? null, signature },
          },
        }),
  })
}

/**
 * The REST contract and the webhook receiver over a `TriggerService`. The Node server and the
 * browser demo (through msw) both serve this same app, so they answer alike.
 */
export function createApiApp(service: TriggerService, options: ApiAppOptions = {}): Hono {
  const app = new Hono()
  const automationPath = routePattern(apiRoutes.automation, 'automationId')
  const idOf = (c: Context) => c.req.param('automationId') ?? ''

  // An id with a NUL character (`%00`) names nothing (UNSTORABLE_TEXT): answered before any lookup.
  app.use('/api/*', async (c, next) => {
    if (/%00/i.test(c.req.path) || c.req.path.includes('\0')) throw new BackendError('not_found', 'Nothing is at this address.')
    await next()
  })

  // CSRF: a page on another site can POST a form, or a no-cors fetch, with any other type (or
  // none) and no CORS preflight. Declaring application/json needs a preflight, which this app
  // never grants, so only our own UI can send it. Save, test and revert read no body, but they
  // change things, so they need it too. A DELETE always needs a preflight; one with a body is
  // held to the same rule only so that a body is never read as anything but JSON.
  app.use('/api/*', async (c, next) => {
    const { method } = c.req
    const declaresBody =
      c.req.header('content-type') !== undefined ||
      c.req.header('transfer-encoding') !== undefined ||
      Number(c.req.header('content-length') ?? 0) > 0
    const readsJson = method === 'POST' || method === 'PUT' || method === 'PATCH' || (method === 'DELETE' && declaresBody)
    if (readsJson && !isJsonContentType(c.req.header('content-type'))) {
      throw new BackendError('unsupported_media_type', 'Send the request as JSON, with the header Content-Type: application/json.')
    }
    await next()
  })

  app.get(apiRoutes.info, async () => respond(backendInfoSchema, await service.getInfo()))

  app.get(apiRoutes.automations, async () => respond(listAutomationsResponseSchema, { automations: await service.listAutomations() }))
  app.post(apiRoutes.automations, async (c) => {
    const input = await parseBody(c, createAutomationRequestSchema)
    return respond(automationSchema, await service.createAutomation(input), 201)
  })
  app.get(automationPath, async (c) => respond(automationSchema, await service.getAutomation({ automationId: idOf(c) })))
  app.delete(automationPath, async (c) => {
    await service.deleteAutomation({ automationId: idOf(c) })
    return new Response(null, { status: 204 })
  })

  app.put(routePattern(apiRoutes.triggerDraft, 'automationId'), async (c) => {
    const { draft } = await parseBody(c, updateDraftRequestSchema)
    return respond(automationSchema, await service.updateTriggerDraft({ automationId: idOf(c), draft }))
  })
  app.post(routePattern(apiRoutes.triggerTest, 'automationId'), async (c) =>
    respond(triggerTestSchema, await service.testTrigger({ automationId: idOf(c) })),
  )
  app.post(routePattern(apiRoutes.triggerSave, 'automationId'), async (c) =>
    respond(automationSchema, await service.saveTrigger({ automationId: idOf(c) })),
  )
  app.post(routePattern(apiRoutes.triggerRevert, 'automationId'), async (c) =>
    respond(automationSchema, await service.revertTrigger({ automationId: idOf(c) })),
  )

  app.get(routePattern(apiRoutes.triggerVersions, 'automationId'), async (c) => {
    const { before } = parseQuery(c, listTriggerVersionsQuerySchema)
    return respond(listTriggerVersionsResponseSchema, await service.listTriggerVersions({ automationId: idOf(c), before }))
  })
  const versionPath = (build: (automationId: string, version: string) => string) =>
    routePattern((automationId) => build(automationId, ':version'), 'automationId')
  app.get(versionPath(apiRoutes.triggerVersion), async (c) => {
    const { version } = parseInput(triggerVersionParamsSchema, { version: c.req.param('version') })
    return respond(savedTriggerSchema, await service.getTriggerVersion({ automationId: idOf(c), version }))
  })
  app.post(versionPath(apiRoutes.triggerVersionRestore), async (c) => {
    const { version } = parseInput(triggerVersionParamsSchema, { version: c.req.param('version') })
    return respond(automationSchema, await service.restoreTriggerVersion({ automationId: idOf(c), version }))
  })
  app.get(routePattern(apiRoutes.triggerDiff, 'automationId'), async (c) => {
    const { from, to } = parseQuery(c, triggerDiffQuerySchema)
    return respond(triggerVersionsDiffSchema, await service.diffTriggerVersions({ automationId: idOf(c), from, to }))
  })

  app.get(routePattern(apiRoutes.triggerHealth, 'automationId'), async (c) =>
    respond(triggerHealthSchema, await service.getTriggerHealth({ automationId: idOf(c) })),
  )
  app.post(routePattern(apiRoutes.triggerReconcile, 'automationId'), async (c) =>
    respond(triggerHealthSchema, await service.reconcileTrigger({ automationId: idOf(c) })),
  )

  const deliveriesPath = routePattern(apiRoutes.triggerDeliveries, 'automationId')
  app.get(deliveriesPath, async (c) => {
    const query = parseQuery(c, deliveryQuerySchema)
    return respond(listTriggerDeliveriesResponseSchema, await service.listTriggerDeliveries({ automationId: idOf(c), ...query }))
  })
  app.get(`${deliveriesPath}/:deliveryId`, async (c) =>
    respond(triggerDeliverySchema, await service.getTriggerDelivery({ automationId: idOf(c), deliveryId: c.req.param('deliveryId') })),
  )

  // Listen for an event: Server-Sent Events (listenEventSchemas). A refusal before listening
  // starts (not saved, no PUBLIC_URL) is an ordinary error answer; after it, the stream ends on
  // a delivery, on the timeout, or when the client goes, and the service stops listening then.
  let openListenStreams = 0
  app.get(routePattern(apiRoutes.triggerListen, 'automationId'), async (c) => {
    const automationId = idOf(c)
    const listening = new AbortController()
    let markReady: (ready: ListenReady) => void = () => undefined
    let refuse: (error: unknown) => void = () => undefined
    const ready = new Promise<ListenReady>((resolve, reject) => {
      markReady = resolve
      refuse = reject
    })
    const outcome = service.listenForDelivery({ automationId }, { signal: listening.signal, onReady: markReady })
    outcome.catch(refuse)
    const readyEvent = await ready

    openListenStreams += 1
    options.onListenStream?.({ phase: 'opened', automationId, openStreams: openListenStreams })
    return streamSSE(
      c,
      async (stream) => {
        const clientGone = () => listening.abort(new DOMException('The client closed the stream.', 'AbortError'))
        stream.onAbort(clientGone)
        c.req.raw.signal.addEventListener('abort', clientGone, { once: true })
        if (c.req.raw.signal.aborted) clientGone()
        const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n'), LISTEN_HEARTBEAT_MS)
        let reason: ListenEndReason = 'client_closed'
        try {
          await stream.writeSSE(listenEvent('ready', readyEvent))
          const result = await outcome
          if (result.status === 'delivered') {
            await stream.writeSSE({ ...listenEvent('delivery', result.delivery), id: result.delivery.id })
            reason = 'delivered'
          } else {
            await stream.writeSSE(listenEvent('end', { reason: 'timeout' }))
            reason = 'timeout'
          }
          // A write to a client already gone does not throw; its abort says so.
          if (listening.signal.aborted) reason = 'client_closed'
        } catch (error) {
          if (!listening.signal.aborted) throw error
        } finally {
          clearInterval(heartbeat)
          listening.abort()
          c.req.raw.signal.removeEventListener('abort', clientGone)
          openListenStreams -= 1
          options.onListenStream?.({ phase: 'closed', automationId, openStreams: openListenStreams, reason })
        }
      },
      async (error) => options.onUnexpectedError?.(error),
    )
  })
  app.post(routePattern(apiRoutes.triggerResource, 'automationId'), async (c) => {
    const { payload } = await parseBody(c, fetchTriggerResourceRequestSchema)
    return respond(triggerResourceSchema, await service.fetchTriggerResource({ automationId: idOf(c), payload }))
  })

  app.get(apiRoutes.accounts, async () => respond(listAccountsResponseSchema, { accounts: await service.listAccounts() }))
  app.post(apiRoutes.accounts, async (c) => {
    const input = await parseBody(c, authorizeAccountRequestSchema)
    return respond(accountSchema, await service.authorizeAccount(input))
  })
  const accountPath = routePattern(apiRoutes.account, 'accountId')
  const accountIdOf = (c: Context) => c.req.param('accountId') ?? ''
  app.patch(accountPath, async (c) => {
    const { name } = await parseBody(c, renameAccountRequestSchema)
    return respond(accountSchema, await service.renameAccount({ accountId: accountIdOf(c), name }))
  })
  app.delete(accountPath, async (c) => {
    await service.deleteAccount({ accountId: accountIdOf(c) })
    return new Response(null, { status: 204 })
  })
  app.put(routePattern(apiRoutes.accountToken, 'accountId'), async (c) => {
    const input = await parseBody(c, replaceAccountTokenRequestSchema)
    return respond(accountSchema, await service.replaceAccountToken({ accountId: accountIdOf(c), ...input }))
  })

  app.post(routePattern(webhookPath, 'triggerId'), async (c) =>
    c.json(
      await receiveWebhook(service, {
        triggerId: c.req.param('triggerId') ?? '',
        header: (name) => c.req.header(name),
        text: (limit) => readText(c.req.raw, limit),
      }),
    ),
  )

  app.notFound((c) => notFoundResponse(c.req))
  app.onError((error) => errorResponse(error, options.onUnexpectedError))

  return app
}
