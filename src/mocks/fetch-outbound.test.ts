// @vitest-environment node
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createSimulator } from '../bigcommerce/simulator/simulator'
import { OutboundError, type OutboundRequest } from '../core/actions/outbound'
import { createFetchOutbound } from './fetch-outbound'

/** The simulated store's request bin behind msw, as the in-browser demo has it, and a few odd destinations. */
let simulator = createSimulator()
const server = setupServer(
  http.all('https://store.test/*', ({ request }) => simulator.app.fetch(request)),
  http.get('https://odd.test/long', () => new HttpResponse('z'.repeat(5000), { headers: { 'content-type': 'text/plain' } })),
  http.get('https://odd.test/exact', () => new HttpResponse('z'.repeat(10))),
  http.get('https://odd.test/moved', () => new HttpResponse(null, { status: 302, headers: { location: 'http://169.254.169.254/' } })),
  http.get('https://odd.test/broken', () => HttpResponse.error()),
)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  simulator = createSimulator()
})
afterAll(() => server.close())

const outbound = createFetchOutbound()

const request = (url: string, overrides: Partial<OutboundRequest> = {}): OutboundRequest => ({
  method: 'POST',
  url,
  headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
  body: '{"name":"Mug"}',
  timeoutMs: 2000,
  maxResponseBytes: 64 * 1024,
  ...overrides,
})

async function failure(promise: Promise<unknown>): Promise<OutboundError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(OutboundError)
  return error as OutboundError
}

describe('the in-browser demo’s outbound HTTP', () => {
  it('sends the request to the request bin and reads its answer', async () => {
    const response = await outbound.send(request('https://store.test/bin/demo/products?n=1'))
    expect(response).toEqual({
      status: 200,
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
      body: '{"received":true}',
      truncated: false,
    })
    expect(simulator.bins.get('demo').requests).toMatchObject([
      { method: 'POST', path: '/bin/demo/products', query: 'n=1', headers: { 'webhook-id': 'msg_1' }, body: '{"name":"Mug"}' },
    ])
  })

  it('resolves with a failing status: what it means is the step’s to judge', async () => {
    simulator.bins.configure('demo', { failNext: 1, failStatus: 503 })
    expect(await outbound.send(request('https://store.test/bin/demo'))).toMatchObject({ status: 503, truncated: false })
  })

  it('keeps only the first bytes of a long answer, and all of one that fits exactly', async () => {
    const long = await outbound.send(request('https://odd.test/long', { method: 'GET', body: null, maxResponseBytes: 100 }))
    expect(long).toMatchObject({ body: 'z'.repeat(100), truncated: true })
    const exact = await outbound.send(request('https://odd.test/exact', { method: 'GET', body: null, maxResponseBytes: 10 }))
    expect(exact).toMatchObject({ body: 'z'.repeat(10), truncated: false })
  })

  it('does not follow a redirect', async () => {
    const response = await outbound.send(request('https://odd.test/moved', { method: 'GET', body: null }))
    expect(response.status).toBe(302)
  })

  it('gives up on a destination slower than the time limit, as a failure worth retrying', async () => {
    simulator.bins.configure('demo', { delayMs: 1000 })
    const error = await failure(outbound.send(request('https://store.test/bin/demo', { timeoutMs: 50 })))
    expect(error).toMatchObject({ kind: 'timeout', message: 'store.test did not answer within 0.05 s.' })
    expect(error.retryable).toBe(true)
  })

  it('tells a network failure apart, worth retrying, without quoting what was sent', async () => {
    const error = await failure(outbound.send(request('https://odd.test/broken', { method: 'GET', body: null })))
    expect(error.kind).toBe('network')
    expect(error.retryable).toBe(true)
    expect(error.message).toMatch(/^odd\.test could not be reached from this browser/)
  })

  it('refuses what is not an http or https URL, and what the browser will not send, as the step’s to fix', async () => {
    for (const url of ['not a url', 'ftp://store.test/bin/demo', 'file:///etc/passwd']) {
      const error = await failure(outbound.send(request(url)))
      expect({ url, kind: error.kind, retryable: error.retryable }).toEqual({ url, kind: 'invalid_url', retryable: false })
    }
    const secret = 'Bearer s3cret\nInjected: yes'
    const error = await failure(outbound.send(request('https://store.test/bin/demo', { headers: { authorization: secret } })))
    expect(error.kind).toBe('invalid_url')
    expect(error.message).not.toContain('s3cret')
    expect(simulator.bins.get('demo').requests).toEqual([])
  })
})
