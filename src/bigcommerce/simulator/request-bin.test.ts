// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  binControlSchema,
  binSettingsChangeSchema,
  createRequestBins,
  describeSettings,
  MAX_BIN_BODY_BYTES,
  MAX_BIN_REQUESTS,
  MAX_BINS,
  type IncomingRequest,
} from './request-bin'

const NOW = new Date('2031-07-15T10:30:00Z')

function incoming(path = '/bin/demo', body = '{"name":"Mug"}', headers: Record<string, string> = {}): IncomingRequest {
  const bytes = new TextEncoder().encode(body)
  return {
    method: 'POST',
    url: new URL(`http://127.0.0.1:8081${path}`),
    headers: new Headers(headers),
    body: bytes.subarray(0, MAX_BIN_BODY_BYTES),
    bodyBytes: bytes.length,
  }
}

const statuses = (bins: ReturnType<typeof createRequestBins>, name: string, count: number) =>
  Array.from({ length: count }, () => bins.receive(name, incoming(`/bin/${name}`)).status)

describe('a request bin', () => {
  it('keeps what it receives, newest first, and answers 200 {"received":true}', () => {
    const bins = createRequestBins({ now: () => NOW })
    const first = bins.receive('demo', incoming('/bin/demo/products?x=1&y=2', '{"name":"Mug"}', { 'Webhook-Id': 'msg_1' }))
    bins.receive('demo', incoming('/bin/demo', ''))
    expect(first).toEqual({ status: 200, delayMs: 0, body: { received: true } })

    const { requests, received } = bins.get('demo')
    expect(received).toBe(2)
    expect(requests.map((request) => request.id)).toEqual([2, 1])
    expect(requests[1]).toEqual({
      id: 1,
      method: 'POST',
      path: '/bin/demo/products',
      query: 'x=1&y=2',
      headers: { 'webhook-id': 'msg_1' },
      body: '{"name":"Mug"}',
      bodyBytes: 14,
      truncated: false,
      receivedAt: '2031-07-15T10:30:00.000Z',
      status: 200,
      delayMs: 0,
    })
  })

  it('keeps the first 64 KB of a body and says how long it was', () => {
    const bins = createRequestBins({ now: () => NOW })
    bins.receive('demo', incoming('/bin/demo', 'x'.repeat(MAX_BIN_BODY_BYTES + 10)))
    const [request] = bins.get('demo').requests
    expect(request?.body).toHaveLength(MAX_BIN_BODY_BYTES)
    expect(request).toMatchObject({ bodyBytes: MAX_BIN_BODY_BYTES + 10, truncated: true })
  })

  it('keeps the newest requests of a bin and the most recently used bins, no more', () => {
    const bins = createRequestBins({ now: () => NOW })
    statuses(bins, 'busy', MAX_BIN_REQUESTS + 5)
    const busy = bins.get('busy')
    expect(busy.requests).toHaveLength(MAX_BIN_REQUESTS)
    expect(busy.requests[0]?.id).toBe(MAX_BIN_REQUESTS + 5)
    expect(busy.received).toBe(MAX_BIN_REQUESTS + 5)

    for (let n = 0; n < MAX_BINS; n += 1) bins.receive(`other-${n}`, incoming(`/bin/other-${n}`))
    const names = bins.list().map((bin) => bin.name)
    expect(names).toHaveLength(MAX_BINS)
    expect(names[0]).toBe(`other-${MAX_BINS - 1}`)
    // The bins that heard nothing longest went first.
    expect(names).not.toContain('demo')
    expect(names).not.toContain('busy')
  })

  it('fails the next N requests with the given status, then answers 200 again', () => {
    const bins = createRequestBins({ now: () => NOW })
    expect(bins.configure('demo', { failStatus: 503, failNext: 2 })).toMatchObject({ failNext: 2, down: false })
    expect(bins.receive('demo', incoming())).toEqual({
      status: 503,
      delayMs: 0,
      body: { error: 'The request bin demo is set to answer 503.' },
    })
    expect(statuses(bins, 'demo', 2)).toEqual([503, 200])
    expect(bins.get('demo').requests.map((request) => request.status)).toEqual([200, 503, 503])
    expect(bins.get('demo').settings.failNext).toBe(0)
  })

  it('answers every request with the status while it is down, until it comes back', () => {
    const bins = createRequestBins({ now: () => NOW })
    bins.control('demo', { action: 'down', status: 500 })
    expect(statuses(bins, 'demo', 3)).toEqual([500, 500, 500])
    expect(bins.control('demo', { action: 'back' })).toBe('demo: Answers 200.')
    expect(statuses(bins, 'demo', 1)).toEqual([200])
  })

  it('waits before answering while it is slow, and says so of each request', () => {
    const bins = createRequestBins({ now: () => NOW })
    expect(bins.control('demo', { action: 'slow', delayMs: 2500 })).toBe('demo: Answers 200. Slow: waits 2500 ms before each answer.')
    expect(bins.receive('demo', incoming())).toMatchObject({ status: 200, delayMs: 2500 })
    expect(bins.get('demo').requests[0]?.delayMs).toBe(2500)
    bins.control('demo', { action: 'back' })
    expect(bins.receive('demo', incoming()).delayMs).toBe(0)
  })

  it('clears what it received and keeps its settings', () => {
    const bins = createRequestBins({ now: () => NOW })
    bins.configure('demo', { down: true })
    statuses(bins, 'demo', 2)
    expect(bins.control('demo', { action: 'clear' })).toBe('demo: cleared the requests it received.')
    expect(bins.get('demo')).toMatchObject({ requests: [], received: 2, settings: { down: true } })
  })

  it('tells whoever subscribed of every change, and comes back from a snapshot', () => {
    const bins = createRequestBins({ now: () => NOW })
    let changes = 0
    const unsubscribe = bins.subscribe(() => (changes += 1))
    bins.receive('demo', incoming())
    bins.configure('demo', { delayMs: 10 })
    bins.clear('demo')
    unsubscribe()
    bins.receive('demo', incoming())
    expect(changes).toBe(3)

    const again = createRequestBins({ now: () => NOW })
    again.load(JSON.parse(JSON.stringify(bins.snapshot())))
    expect(again.list()).toEqual(bins.list())
    const [saved] = bins.snapshot().bins
    expect(() => again.load({ bins: [{ ...saved, name: 'bad name!' }] })).toThrow(/1 to 64 letters/)
    again.reset()
    expect(again.list()).toEqual([{ name: 'demo', settings: expect.any(Object), requests: [], received: 0 }])
  })

  it('describes its settings in words', () => {
    const up = { failStatus: 503, failNext: 0, down: false, delayMs: 0 }
    expect(describeSettings(up)).toBe('Answers 200.')
    expect(describeSettings({ ...up, failNext: 1 })).toBe('Answers 503 to the next request, then 200.')
    expect(describeSettings({ ...up, failNext: 3, delayMs: 3000 })).toBe(
      'Answers 503 to the next 3 requests, then 200. Slow: waits 3 s before each answer.',
    )
    expect(describeSettings({ ...up, down: true, failStatus: 429 })).toBe('Down: answers 429 to every request.')
  })
})

describe('what a bin takes', () => {
  it('refuses a bad name, status, count or wait, and a setting it does not know', () => {
    const bins = createRequestBins({ now: () => NOW })
    expect(() => bins.receive('no spaces', incoming())).toThrow(/1 to 64 letters, digits, hyphens or underscores/)
    expect(() => bins.configure('demo', { failStatus: 200 })).toThrow(/300 to 599/)
    expect(() => bins.configure('demo', { delayMs: 600_000 })).toThrow(/at most 60 s/)
    expect(binSettingsChangeSchema.safeParse({ fail: 3 }).success).toBe(false)
    expect(binSettingsChangeSchema.safeParse({ failNext: 1.5 }).success).toBe(false)
    expect(bins.get('demo').settings).toEqual({ failStatus: 503, failNext: 0, down: false, delayMs: 0 })
  })

  it('reads a page’s form as typed, and names the field a refusal is about', () => {
    expect(binControlSchema.parse({ action: 'fail', status: '503', times: '3', delayMs: '' })).toEqual({
      action: 'fail',
      status: 503,
      times: 3,
    })
    const message = (input: unknown) => binControlSchema.safeParse(input).error?.issues[0]?.message
    expect(message({ action: 'fail', status: '503', times: '0' })).toBe('The number of requests to fail is 1 to 1000.')
    expect(message({ action: 'down', status: 'soon' })).toBe('The status must be a number.')
    expect(message({ action: 'slow', delayMs: '2.5' })).toBe('The wait in ms must be a whole number.')
    expect(binControlSchema.safeParse({ action: 'explode' }).success).toBe(false)
  })
})
