import * as z from 'zod/mini'

/**
 * A request bin: a destination for action steps to call while someone watches. Any request to
 * `/bin/{name}/…` is kept (newest first) and answered `200 {"received":true}`, unless the bin's
 * settings say to fail (a status for the next N requests, or for every one while it is down) or
 * to be slow. Not BigCommerce: it stands in for the receiver at the end of an automation, so
 * `npm run demo` and the in-browser demo can show an event arriving there, and be told to fail
 * so retries can be seen. Plain JSON, so the demo can keep it across a reload.
 */

/** The bin `npm run demo` and the in-browser demo point their HTTP Request step at. */
export const DEMO_BIN_NAME = 'demo'

/** More of a body than this is not kept (as an HTTP Request step keeps a response). */
export const MAX_BIN_BODY_BYTES = 64 * 1024
/** Requests kept per bin: the oldest go first. */
export const MAX_BIN_REQUESTS = 100
/** Bins kept: the one that heard nothing longest goes first. */
export const MAX_BINS = 20
export const MAX_BIN_DELAY_MS = 60_000
export const MAX_BIN_FAIL_NEXT = 1000

const int = z.number().check(z.int())

export const binNameSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'A bin name is 1 to 64 letters, digits, hyphens or underscores.'))

export const binSettingsSchema = z.object({
  /** What a failing request is answered: any status that is not a success. */
  failStatus: int.check(z.gte(300, 'The status to fail with is 300 to 599.'), z.lte(599, 'The status to fail with is 300 to 599.')),
  /** This many of the next requests are answered `failStatus`. */
  failNext: int.check(z.gte(0), z.lte(MAX_BIN_FAIL_NEXT, `Fail at most ${MAX_BIN_FAIL_NEXT} requests at a time.`)),
  /** Every request is answered `failStatus` until the bin comes back. */
  down: z.boolean(),
  /** How long each answer waits. */
  delayMs: int.check(z.gte(0), z.lte(MAX_BIN_DELAY_MS, `Wait at most ${MAX_BIN_DELAY_MS / 1000} s.`)),
})
export type BinSettings = z.infer<typeof binSettingsSchema>

/** A change of settings: any of them; a key it does not know is refused, not ignored. */
export const binSettingsChangeSchema = z.strictObject(z.partial(binSettingsSchema).shape)
export type BinSettingsChange = z.infer<typeof binSettingsChangeSchema>

/** A number typed into a form (or sent as one), within bounds, named in its messages. */
const wholeNumber = (label: string, min: number, max: number) =>
  z.coerce
    .number(`${label} must be a number.`)
    .check(
      z.int(`${label} must be a whole number.`),
      z.gte(min, `${label} is ${min} to ${max}.`),
      z.lte(max, `${label} is ${min} to ${max}.`),
    )

/** What a person asks of a bin from its page or the demo's panel, with the numbers as typed. */
export const binControlSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('fail'),
    status: wholeNumber('The status', 300, 599),
    times: wholeNumber('The number of requests to fail', 1, MAX_BIN_FAIL_NEXT),
  }),
  z.object({ action: z.literal('down'), status: wholeNumber('The status', 300, 599) }),
  z.object({ action: z.literal('slow'), delayMs: wholeNumber('The wait in ms', 1, MAX_BIN_DELAY_MS) }),
  z.object({ action: z.literal('back') }),
  z.object({ action: z.literal('clear') }),
])
export type BinControl = z.infer<typeof binControlSchema>

export const BIN_SETTINGS_UP: BinSettings = { failStatus: 503, failNext: 0, down: false, delayMs: 0 }

export const binRequestSchema = z.object({
  /** 1, 2, 3… per bin, never reused, so a list can be told apart from the one before. */
  id: int,
  method: z.string(),
  /** The whole path, `/bin/demo/orders`. */
  path: z.string(),
  /** The query string without its `?`; empty when there is none. */
  query: z.string(),
  /** Names in lower case, as HTTP/2 and fetch's Headers write them. */
  headers: z.record(z.string(), z.string()),
  /** The body as text, its first `MAX_BIN_BODY_BYTES` bytes. */
  body: z.string(),
  bodyBytes: int,
  truncated: z.boolean(),
  receivedAt: z.string(),
  /** What the bin answered it (or will, once its delay is over). */
  status: int,
  delayMs: int,
})
export type BinRequest = z.infer<typeof binRequestSchema>

export const binSchema = z.object({
  name: binNameSchema,
  settings: binSettingsSchema,
  /** Newest first. */
  requests: z.array(binRequestSchema),
  /** Requests received since the bin began, cleared ones included. */
  received: int,
})
export type Bin = z.infer<typeof binSchema>

export const binsSnapshotSchema = z.object({ bins: z.array(binSchema) })
export type BinsSnapshot = z.infer<typeof binsSnapshotSchema>

/** What arrived: the body as bytes, no more than `MAX_BIN_BODY_BYTES` of them kept by the caller. */
export type IncomingRequest = {
  method: string
  url: URL
  headers: Headers
  body: Uint8Array
  bodyBytes: number
}

/** How to answer a request the bin kept. */
export type BinAnswer = { status: number; delayMs: number; body: { received: true } | { error: string } }

export type RequestBins = ReturnType<typeof createRequestBins>

export function createRequestBins({ now }: { now: () => Date }) {
  // A Map keeps insertion order: a bin is moved to the end whenever it is used, so the first
  // is the one that heard nothing longest.
  let bins = new Map<string, Bin>()
  const listeners = new Set<() => void>()
  const changed = () => {
    for (const listener of listeners) listener()
  }

  const fresh = (name: string): Bin => ({ name, settings: { ...BIN_SETTINGS_UP }, requests: [], received: 0 })

  /** The bin by its (valid) name, made when missing, as the most recently used. */
  function touch(name: string): Bin {
    const bin = bins.get(name) ?? fresh(name)
    bins.delete(name)
    bins.set(name, bin)
    for (const oldest of bins.keys()) {
      if (bins.size <= MAX_BINS) break
      bins.delete(oldest)
    }
    return bin
  }

  function seed() {
    bins = new Map([[DEMO_BIN_NAME, fresh(DEMO_BIN_NAME)]])
  }
  seed()

  /** Forgets what the bin received; its settings stay. */
  function clear(name: string): void {
    const bin = bins.get(binNameSchema.parse(name))
    if (!bin) return
    bin.requests = []
    changed()
  }

  function configure(name: string, change: BinSettingsChange): BinSettings {
    const bin = touch(binNameSchema.parse(name))
    bin.settings = binSettingsSchema.parse({ ...bin.settings, ...binSettingsChangeSchema.parse(change) })
    changed()
    return { ...bin.settings }
  }

  return {
    /** Keeps a request and says how to answer it, counting it against `failNext`. */
    receive(name: string, incoming: IncomingRequest): BinAnswer {
      const bin = touch(binNameSchema.parse(name))
      const { settings } = bin
      const failing = settings.down || settings.failNext > 0
      if (!settings.down && settings.failNext > 0) settings.failNext -= 1
      const status = failing ? settings.failStatus : 200
      bin.received += 1
      const headers: Record<string, string> = {}
      incoming.headers.forEach((value, key) => (headers[key] = value))
      bin.requests.unshift({
        id: bin.received,
        method: incoming.method,
        path: incoming.url.pathname,
        query: incoming.url.search.replace(/^\?/, ''),
        headers,
        body: new TextDecoder().decode(incoming.body.subarray(0, MAX_BIN_BODY_BYTES)),
        bodyBytes: incoming.bodyBytes,
        truncated: incoming.bodyBytes > MAX_BIN_BODY_BYTES,
        receivedAt: now().toISOString(),
        status,
        delayMs: settings.delayMs,
      })
      bin.requests.length = Math.min(bin.requests.length, MAX_BIN_REQUESTS)
      changed()
      return {
        status,
        delayMs: settings.delayMs,
        body: failing ? { error: `The request bin ${name} is set to answer ${status}.` } : { received: true },
      }
    },
    /** A copy of the bin, or an empty one with the usual settings when nothing was sent to it yet. */
    get(name: string): Bin {
      return structuredClone(bins.get(binNameSchema.parse(name)) ?? fresh(name))
    },
    /** Every bin, the most recently used first. */
    list(): Bin[] {
      return [...bins.values()].reverse().map((bin) => structuredClone(bin))
    },
    configure,
    /** Does what a person asked from a page, and says what the bin does now. */
    control(name: string, control: BinControl): string {
      switch (control.action) {
        case 'fail':
          return `${name}: ${describeSettings(configure(name, { failStatus: control.status, failNext: control.times, down: false }))}`
        case 'down':
          return `${name}: ${describeSettings(configure(name, { failStatus: control.status, down: true }))}`
        case 'slow':
          return `${name}: ${describeSettings(configure(name, { delayMs: control.delayMs }))}`
        case 'back':
          return `${name}: ${describeSettings(configure(name, BIN_SETTINGS_UP))}`
        case 'clear':
          clear(name)
          return `${name}: cleared the requests it received.`
      }
    },
    /** Forgets what the bin received; its settings stay. */
    clear(name: string): void {
      const bin = bins.get(binNameSchema.parse(name))
      if (!bin) return
      bin.requests = []
      changed()
    },
    /** Back to one empty `demo` bin. */
    reset(): void {
      seed()
      changed()
    },
    snapshot(): BinsSnapshot {
      return { bins: [...bins.values()].map((bin) => structuredClone(bin)) }
    },
    load(json: unknown): void {
      const { bins: saved } = binsSnapshotSchema.parse(json)
      bins = new Map(saved.slice(-MAX_BINS).map((bin) => [bin.name, bin]))
      changed()
    },
    /** Called after every change (a request kept, a setting, a clear); returns the unsubscribe. */
    subscribe(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** The settings in words, as the bin's page and the demo's panel say them. */
export function describeSettings(settings: BinSettings): string {
  const answer = settings.down
    ? `Down: answers ${settings.failStatus} to every request.`
    : settings.failNext > 0
      ? `Answers ${settings.failStatus} to the next ${settings.failNext === 1 ? 'request' : `${settings.failNext} requests`}, then 200.`
      : 'Answers 200.'
  return settings.delayMs > 0 ? `${answer} Slow: waits ${formatMs(settings.delayMs)} before each answer.` : answer
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`
}
