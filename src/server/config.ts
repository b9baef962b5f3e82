import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import * as z from 'zod/mini'
import { DEFAULT_RETRY_SCHEDULE, parseRetrySchedule } from '../core/actions/retry-schedule'
import { DEFAULT_RETENTION_DAYS } from '../core/delivery-retention'

/** Shown by the UI (through the core) while BigCommerce has nowhere to deliver to. */
export const WEBHOOK_HELP_WITHOUT_PUBLIC_URL =
  'Set PUBLIC_URL to an https address that BigCommerce can reach (for example an ngrok tunnel to this server) and restart; ' +
  'triggers are saved, but BigCommerce will not deliver events until then.'

const KEY_BYTES = 32

/** Host names that always mean this machine, written as `URL.hostname` writes them. */
export const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Every call to BigCommerce carries an access token, so it goes over https; plain http is only
 * for a simulator on this machine, as the demo and the tests run one.
 */
function isSafeApiUrl(value: string): boolean {
  const url = new URL(value)
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTNAMES.has(url.hostname))
}

/**
 * BigCommerce delivers only to https on port 443 (notes §1.7), so a PUBLIC_URL it could never
 * reach is a startup error rather than a save that fails later for every trigger.
 */
const publicUrlSchema = z.pipe(
  z.string().check(
    z.refine((value) => URL.canParse(value), 'PUBLIC_URL must be an absolute URL, e.g. https://abc123.ngrok.app'),
    z.refine(
      (value) => !URL.canParse(value) || new URL(value).protocol === 'https:',
      'PUBLIC_URL must start with https:// because BigCommerce delivers webhooks only over https.',
    ),
    z.refine(
      (value) => !URL.canParse(value) || new URL(value).port === '',
      'PUBLIC_URL must not name a port: BigCommerce delivers only to port 443.',
    ),
    z.refine(
      (value) => !URL.canParse(value) || (new URL(value).search === '' && new URL(value).hash === ''),
      'PUBLIC_URL must not have a query or fragment.',
    ),
    z.refine(
      (value) => !URL.canParse(value) || (new URL(value).username === '' && new URL(value).password === ''),
      'PUBLIC_URL must not carry a user name or password.',
    ),
  ),
  // Webhook paths are appended to it, so `https://x/` and `https://x` must mean the same base.
  z.transform((value) => new URL(value).href.replace(/\/+$/, '')),
)

/** Empty strings count as unset: `PUBLIC_URL= npm start` is how people clear a variable. */
const optionalString = z.pipe(
  z.optional(z.string()),
  z.transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim())),
)
const stringOr = (fallback: string) =>
  z.pipe(
    optionalString,
    z.transform((value) => value ?? fallback),
  )

const envSchema = z.object({
  PORT: z.pipe(
    z.pipe(stringOr('8080'), z.transform(Number)),
    z.number('PORT must be a number.').check(z.int('PORT must be a whole number.'), z.gte(0), z.lte(65535)),
  ),
  HOST: stringOr('127.0.0.1'),
  DATA_DIR: stringOr('./data'),
  PUBLIC_URL: z.pipe(optionalString, z.optional(publicUrlSchema)),
  BIGCOMMERCE_API_URL: z.pipe(
    stringOr('https://api.bigcommerce.com'),
    z.pipe(
      z.string().check(
        z.refine((value) => URL.canParse(value), 'BIGCOMMERCE_API_URL must be an absolute URL.'),
        z.refine(
          (value) => !URL.canParse(value) || isSafeApiUrl(value),
          'BIGCOMMERCE_API_URL must start with https:// because access tokens travel with every call; http:// is allowed only for localhost, 127.0.0.1 or [::1].',
        ),
      ),
      z.transform((value) => value.replace(/\/+$/, '')),
    ),
  ),
  SECRET_KEY: optionalString,
  DATABASE_URL: z.pipe(
    optionalString,
    z.optional(
      z
        .string()
        .check(
          z.refine(
            (value) => /^postgres(ql)?:\/\//.test(value) && URL.canParse(value),
            'DATABASE_URL must be a PostgreSQL URL, e.g. postgres://user:password@db.example:5432/triggers (leave it unset to use SQLite in DATA_DIR).',
          ),
        ),
    ),
  ),
  RECONCILE_INTERVAL_SECONDS: z.pipe(
    z.pipe(stringOr('300'), z.transform(Number)),
    z.number('RECONCILE_INTERVAL_SECONDS must be a number.').check(
      z.int('RECONCILE_INTERVAL_SECONDS must be a whole number.'),
      // A steady run costs a request per trigger and one per account; BigCommerce allows 150 per 30 s (notes §1.6).
      z.refine((value) => value === 0 || value >= 30, 'RECONCILE_INTERVAL_SECONDS must be 0 (off) or at least 30.'),
    ),
  ),
  ALLOW_PRIVATE_DESTINATIONS: z.pipe(stringOr('false'), z.enum(['true', 'false'], 'ALLOW_PRIVATE_DESTINATIONS must be true or false.')),
  ACTION_RETRY_SCHEDULE: z.pipe(
    stringOr(DEFAULT_RETRY_SCHEDULE),
    z.string().check(
      z.refine((value) => {
        try {
          parseRetrySchedule(value)
          return true
        } catch {
          return false
        }
      }, 'ACTION_RETRY_SCHEDULE must list waits such as 5s,5m,30m,2h (ms, s, m, h or d).'),
    ),
  ),
  RETENTION_DAYS: z.pipe(
    z.pipe(stringOr(String(DEFAULT_RETENTION_DAYS)), z.transform(Number)),
    z
      .number('RETENTION_DAYS must be a number.')
      .check(z.int('RETENTION_DAYS must be a whole number.'), z.gte(1, 'RETENTION_DAYS must be at least 1.')),
  ),
})

export type ServerConfig = {
  port: number
  host: string
  /** Absolute, so the database and key file do not move with the working directory. */
  dataDir: string
  publicUrl: string | null
  webhookHelp: string
  bigcommerceApiUrl: string
  /** 32 bytes for AES-256-GCM; never logged. */
  secretKey: Buffer
  /** PostgreSQL instead of the SQLite file in dataDir; null for SQLite. Never logged (it may hold a password). */
  databaseUrl: string | null
  /** Mean time between scheduled reconciler runs; 0 runs it only at start-up and after changes. */
  reconcileIntervalMs: number
  /** Deliveries older than this many days are purged in the background. */
  retentionDays: number
  /** HTTP Request steps may call loopback and private addresses (the demo, tests); off in production. */
  allowPrivateDestinations: boolean
  /** The waits between tries of a failing action step, in ms. */
  actionRetrySchedule: number[]
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

/** Accepts 64 hex characters or base64 (standard or url-safe) of exactly 32 bytes. */
export function decodeSecretKey(text: string, origin: string): Buffer {
  const trimmed = text.trim()
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)
      ? Buffer.from(trimmed, 'base64')
      : Buffer.alloc(0)
  if (key.length !== KEY_BYTES) {
    throw new ConfigError(
      `${origin} must be ${KEY_BYTES} bytes written as 64 hex characters or as base64, e.g. the output of \`openssl rand -hex 32\`.`,
    )
  }
  return key
}

/**
 * The key stays stable across restarts without the operator having to manage it: it is created
 * once with owner-only permissions, and the exclusive flag stops two first starts racing.
 */
function loadOrCreateKeyFile(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secret.key')
  try {
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if (!isErrnoException(error) || error.code !== 'EEXIST') throw error
  }
  // The umask can narrow the mode given at creation, never widen it; this makes it exact.
  chmodSync(file, 0o600)
  return decodeSecretKey(readFileSync(file, 'utf8'), file)
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error
}

/** Parses the environment without touching the disk; every problem is listed in one error. */
export function parseEnv(env: Record<string, string | undefined>): z.infer<typeof envSchema> {
  const result = envSchema.safeParse(env)
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `- ${issue.path.join('.') || 'environment'}: ${issue.message}`)
    throw new ConfigError(`The server cannot start because of its settings:\n${lines.join('\n')}`)
  }
  return result.data
}

/** Reads settings from the environment, creating DATA_DIR and the key file when needed. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = parseEnv(env)
  // Instances on one database open each other's tokens, so they need the one key: a key file
  // each would make every other instance's accounts unreadable.
  if (parsed.DATABASE_URL !== undefined && parsed.SECRET_KEY === undefined) {
    throw new ConfigError(
      'With DATABASE_URL set, SECRET_KEY must be set too, to the same value on every instance (e.g. the output of `openssl rand -hex 32`): it encrypts the access tokens in the database.',
    )
  }
  const dataDir = path.resolve(parsed.DATA_DIR)
  // Owner-only: it holds the database and the key that unlocks its tokens.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const secretKey = parsed.SECRET_KEY === undefined ? loadOrCreateKeyFile(dataDir) : decodeSecretKey(parsed.SECRET_KEY, 'SECRET_KEY')
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    dataDir,
    publicUrl: parsed.PUBLIC_URL ?? null,
    webhookHelp: WEBHOOK_HELP_WITHOUT_PUBLIC_URL,
    bigcommerceApiUrl: parsed.BIGCOMMERCE_API_URL,
    secretKey,
    databaseUrl: parsed.DATABASE_URL ?? null,
    reconcileIntervalMs: parsed.RECONCILE_INTERVAL_SECONDS * 1000,
    retentionDays: parsed.RETENTION_DAYS,
    allowPrivateDestinations: parsed.ALLOW_PRIVATE_DESTINATIONS === 'true',
    actionRetrySchedule: parseRetrySchedule(parsed.ACTION_RETRY_SCHEDULE),
  }
}
