import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createServer as createNodeServer, type Server } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { createApiApp } from '../api/api-app'
import { errorResponse, notFoundResponse } from '../api/error-replies'
import { bigcommerceClient } from '../bigcommerce/client'
import { BackendError } from '../contract/errors'
import type { Storage, StorePlatform } from '../core/ports'
import { createTriggerService, type TriggerService } from '../core/trigger-service'
import { LOOPBACK_HOSTNAMES, type ServerConfig } from './config'
import { createPostgresStorage } from './postgres-storage'
import { createSqliteStorage, type SqliteStorage } from './sqlite-storage'
import { READY_DEADLINE_MS, withinDeadline } from './storage-deadline'
import { describeError, jsonLogger, requestIdOf, type ServerLogger } from './log'
import { createOutboundHttp } from './outbound-http'
import { createTokenCipher } from './token-cipher'
import { createNodeWebhookReceiver, type NodeWebhookReceiver } from './webhook-receiver'

export type { ServerLogger } from './log'

/**
 * The repository root: the nearest folder above this module that holds package.json. The
 * module is src/server/server.ts under tsx and dist-server/main.js once built, so no fixed
 * number of `..` fits both.
 */
function packageRoot(from: string): string {
  let dir = path.dirname(from)
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir)
  return dir
}

/** The built UI, next to the repository root whichever directory the server is started from. */
export const DEFAULT_DIST_DIR = path.join(packageRoot(fileURLToPath(import.meta.url)), 'dist')

const HOOKS_PREFIX = '/hooks/'
/** Paths the SPA never owns: an unknown one is a JSON 404, not the UI's index page. */
const BACKEND_PREFIXES = ['/api/', HOOKS_PREFIX]
const ASSETS_PREFIX = '/assets/'

/** Set by tunnels and reverse proxies (ngrok sets X-Forwarded-For even when it rewrites Host). */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host']

/** A Host header's host name, lower-case, IPv6 in brackets; null when it is not a plain host[:port]. */
function hostnameOf(host: string): string | null {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i.exec(host)
  return match?.[1]?.toLowerCase() ?? null
}

/** HOST as a Host header would name it; a wildcard address names no host, so it adds none. */
function listenHostnames(host: string): string[] {
  const name = host.trim().toLowerCase()
  if (name === '' || name === '0.0.0.0' || name === '::' || name === '[::]') return []
  return [name.includes(':') && !name.startsWith('[') ? `[${name}]` : name]
}

/** A storage the server can close when it stops: SQLite's closes at once, PostgreSQL's pool drains. */
export type ServerStorage = Storage & { close(): void | Promise<void> }

/** PostgreSQL when DATABASE_URL is set (migrated on open), else the SQLite file in DATA_DIR. */
export async function openStorage(
  config: Pick<ServerConfig, 'dataDir' | 'secretKey' | 'databaseUrl'>,
  logger?: ServerLogger,
): Promise<ServerStorage> {
  if (config.databaseUrl === null) return openSqliteStorage(config, logger)
  return createPostgresStorage({
    url: config.databaseUrl,
    cipher: createTokenCipher(config.secretKey),
    onWriteFailure: (error) => logger?.error('Deliveries could not be stored', { error: describeError(error) }),
    // Rare, and answered 200 all the same: a line to count them by, should they become frequent.
    onWriteRetry: (error) =>
      logger?.info('Deliveries met a deadlock or a serialization failure; writing them once more', {
        error: error instanceof Error ? error.message : String(error),
      }),
  })
}

export function openSqliteStorage(config: Pick<ServerConfig, 'dataDir' | 'secretKey'>, logger?: ServerLogger): SqliteStorage {
  return createSqliteStorage({
    file: path.join(config.dataDir, 'bigcommerce-trigger.sqlite'),
    cipher: createTokenCipher(config.secretKey),
    // SQLite's own words (SQLITE_FULL, SQLITE_BUSY…): they hold no delivery and no secret.
    onWriteFailure: (error) => logger?.error('Deliveries could not be stored', { error: describeError(error) }),
  })
}

type ServerParts = {
  config: ServerConfig
  storage?: Storage
  platform?: StorePlatform
  distDir?: string
  logger?: ServerLogger
  /** True once shutdown has begun: /readyz then sends traffic elsewhere while requests drain. */
  isStopping?: () => boolean
}

type ServerEnv = { Variables: { requestId: string } }

/**
 * The whole HTTP surface of the server: the hono app (the contract's API from `createApiApp`,
 * then the built UI), and the webhook receiver that node:http hands deliveries to first
 * (`listen` wires both). Tests pass their own storage, platform and logger.
 */
export type ServerApp = Hono<ServerEnv> & { webhooks: NodeWebhookReceiver }

export function createServer(parts: ServerParts): ServerApp {
  return createServerWithService(parts).app
}

/** `createServer`, also handing back the service, whose `reconcileAll` the entry point schedules. */
export function createServerWithService({
  config,
  // Before storage, whose default logs through it.
  logger = jsonLogger(),
  storage = openSqliteStorage(config, logger),
  platform = bigcommerceClient({ apiUrl: config.bigcommerceApiUrl }),
  distDir = DEFAULT_DIST_DIR,
  isStopping = () => false,
}: ServerParts): { app: ServerApp; service: TriggerService } {
  const service = createTriggerService({
    storage,
    platform,
    config: {
      publicUrl: config.publicUrl,
      webhookHelp: config.webhookHelp,
      retentionDays: config.retentionDays,
      runs: { retrySchedule: config.actionRetrySchedule },
    },
    outbound: createOutboundHttp({ allowPrivateDestinations: config.allowPrivateDestinations }),
  })
  const app = new Hono<{ Variables: { requestId: string } }>()
  const logUnexpected = (error: unknown, where: string, requestId: string | null) =>
    logger.error(`${where} failed`, { requestId, error: describeError(error) })

  // One line per request: its id (also answered as X-Request-Id), method, path (never the query
  // string), status and time. Bodies and headers are left out on purpose: they carry access
  // tokens and webhook secrets.
  app.use(async (c, next) => {
    const started = performance.now()
    const requestId = requestIdOf(c.req.header('x-request-id'))
    c.set('requestId', requestId)
    await next()
    c.res.headers.set('x-request-id', requestId)
    const ms = Number((performance.now() - started).toFixed(1))
    logger.info('request', { requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms })
  })

  // For a load balancer or an orchestrator, so taken whatever the Host (like deliveries):
  // /healthz says the process answers; /readyz that it can take deliveries now (the database
  // answers within READY_DEADLINE_MS, and it is not shutting down), so traffic goes elsewhere
  // while it cannot, and comes back once it answers again.
  app.get('/healthz', (c) => c.json({ status: 'ok' }))
  app.get('/readyz', async (c) => {
    if (isStopping()) return errorResponse(new BackendError('storage_unavailable', 'The server is shutting down.'))
    try {
      await withinDeadline(storage.ping(), READY_DEADLINE_MS, 'the readiness ping')
    } catch (error) {
      logUnexpected(error, 'GET /readyz', c.get('requestId'))
      return errorResponse(new BackendError('storage_unavailable', 'The database does not answer.'))
    }
    return c.json({ status: 'ready' })
  })

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        // Vite inlines small images and fonts as data: URLs.
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
      // Served over plain http on loopback too, where HSTS would be wrong; a TLS proxy sets it.
      strictTransportSecurity: false,
    }),
  )

  // DNS rebinding and tunnels: the UI and API hold the store's access, so they answer only a
  // request addressed to this machine by name. A page on evil.example whose name now points at
  // 127.0.0.1 still sends `Host: evil.example`; a request through the PUBLIC_URL tunnel names
  // PUBLIC_URL's host, or carries a forwarding header when the tunnel rewrites Host. Deliveries
  // (/hooks/*) come from BigCommerce through the tunnel and carry their own secret, so they
  // are taken whatever the Host.
  const localHostnames = new Set([...LOOPBACK_HOSTNAMES, ...listenHostnames(config.host)])
  const publicHostname = config.publicUrl === null ? null : new URL(config.publicUrl).hostname
  app.use(async (c, next) => {
    if (c.req.path.startsWith(HOOKS_PREFIX)) return next()
    // Without a Host header (HTTP/1.0) the URL holds the address the server listens on.
    const host = c.req.header('host') ?? new URL(c.req.url).host
    const hostname = hostnameOf(host)
    const forwarded = FORWARDING_HEADERS.some((name) => c.req.header(name) !== undefined)
    // Seen from the tunnel, only the receiver exists.
    if (forwarded || (hostname !== null && hostname === publicHostname)) return notFoundResponse(c.req)
    if (hostname !== null && localHostnames.has(hostname)) return next()
    const names = [...localHostnames]
    const allowed = `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`
    return errorResponse(
      new BackendError(
        'forbidden',
        `This app answers only at ${allowed}, not at ${hostname ?? 'this address'}, so that no other web page can reach it through your browser. Open it at one of those addresses.`,
      ),
    )
  })

  app.onError((error, c) =>
    errorResponse(error, (unexpected) => logUnexpected(unexpected, `${c.req.method} ${c.req.path}`, c.get('requestId'))),
  )

  app.route(
    '/',
    createApiApp(service, {
      onUnexpectedError: (error) => logUnexpected(error, 'An API request', null),
      // A listen stream outlives its request line: when and why it ended is logged on its own,
      // with how many stay open (each holds a connection).
      onListenStream: (event) =>
        logger.info(`listen stream ${event.phase}`, {
          automationId: event.automationId,
          openStreams: event.openStreams,
          ...(event.phase === 'closed' ? { reason: event.reason } : {}),
        }),
    }),
  )

  app.use('*', async (c, next) => {
    if (BACKEND_PREFIXES.some((prefix) => c.req.path.startsWith(prefix))) return notFoundResponse(c.req)
    return next()
  })

  // Checked once, at startup: `npm start` builds the UI before the server starts, and tests and
  // API-only runs have no dist/ (serveStatic would complain about it on every start).
  const indexFile = path.join(distDir, 'index.html')
  const uiBuilt = existsSync(indexFile)

  if (uiBuilt) {
    // Set after the response is built: serveStatic's onFound runs too late to add headers.
    app.use('*', async (c, next) => {
      await next()
      if (!c.res.ok) return
      // Vite puts a content hash in every file name under assets/, so those never change.
      c.res.headers.set('Cache-Control', c.req.path.startsWith(ASSETS_PREFIX) ? 'public, max-age=31536000, immutable' : 'no-cache')
    })
    app.use('*', serveStatic({ root: distDir }))
  }

  // SPA fallback: a route such as /automations/abc is the UI's, so it gets index.html. A
  // missing file (a name with an extension) stays a 404, so a broken asset link is visible.
  app.get('*', async (c, next) => {
    const lastSegment = c.req.path.split('/').pop() ?? ''
    if (lastSegment.includes('.') || c.req.path.startsWith(ASSETS_PREFIX)) return notFoundResponse(c.req)
    if (!uiBuilt) {
      return c.text('The UI is not built: run `npm run build`, or start the server with `npm start`, which builds it.', 404)
    }
    return next()
  })
  if (uiBuilt) app.get('*', serveStatic({ root: distDir, path: 'index.html' }))

  app.notFound((c) => notFoundResponse(c.req))
  const webhooks = createNodeWebhookReceiver(service, {
    logger,
    onUnexpectedError: (error, requestId) => logUnexpected(error, 'A delivery', requestId),
  })
  return { app: Object.assign(app, { webhooks }), service }
}

export type RunningServer = {
  server: Server
  /** e.g. `http://127.0.0.1:8080`, with the port actually bound (useful with port 0). */
  url: string
  close(): Promise<void>
}

/** Listens on host:port; resolves once the port is bound. Deliveries go to `app.webhooks`, the rest to the hono app. */
export function listen(app: Pick<ServerApp, 'fetch' | 'webhooks'>, { host, port }: { host: string; port: number }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const answerWithApp = getRequestListener(app.fetch)
    const server = createNodeServer((request, response) => {
      if (!app.webhooks(request, response)) void answerWithApp(request, response)
    })
    server.listen(port, host, () => {
      const info = server.address() as AddressInfo
      server.off('error', reject)
      // Bound to every address, the UI still answers only at loopback names (see the Host check),
      // so show the one address that works.
      const everyAddress = info.address === '0.0.0.0' || info.address === '::'
      const shownHost = everyAddress ? 'localhost' : info.family === 'IPv6' ? `[${info.address}]` : info.address
      resolve({
        server,
        url: `http://${shownHost}:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()))
            // Keep-alive connections would hold close() open until they time out; idle ones go now,
            // and busy ones get a few seconds to finish their response.
            server.closeIdleConnections()
            const force = setTimeout(() => server.closeAllConnections(), 3000)
            force.unref()
          }),
      })
    })
    server.once('error', reject)
  })
}
