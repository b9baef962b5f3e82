// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { binSchema, binSettingsSchema, MAX_BIN_BODY_BYTES } from './request-bin'
import { createSimulator, type Simulator } from './simulator'
import { startSimulatorServer, type SimulatorServer } from './simulator-server'

const NOW = new Date('2031-07-15T10:30:00Z')

let simulator: Simulator = createSimulator({ now: () => NOW })
afterEach(() => {
  vi.useRealTimers()
  simulator = createSimulator({ now: () => NOW })
})

async function call(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}) {
  const response = await simulator.app.fetch(new Request(`http://127.0.0.1:8081${path}`, { method, ...init }))
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as unknown }
}

const binNamed = async (name: string) => binSchema.parse(((await call('GET', `/__simulator/bins/${name}`)).json() as { bin: unknown }).bin)

describe('a request bin over HTTP', () => {
  it('takes any method and any path below its name, and lists them newest first', async () => {
    const posted = await call('POST', '/bin/demo', {
      body: '{"name":"Mug"}',
      headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1', 'webhook-signature': 'v1,abc' },
    })
    expect(posted).toMatchObject({ status: 200, text: '{"received":true}' })
    expect((await call('PUT', '/bin/demo/orders/7?full=yes')).status).toBe(200)
    expect((await call('DELETE', '/bin/demo/a/b/c')).status).toBe(200)

    const bin = await binNamed('demo')
    expect(bin.requests.map((request) => `${request.method} ${request.path} ${request.query}`)).toEqual([
      'DELETE /bin/demo/a/b/c ',
      'PUT /bin/demo/orders/7 full=yes',
      'POST /bin/demo ',
    ])
    expect(bin.requests[2]).toMatchObject({
      headers: { 'webhook-id': 'msg_1', 'webhook-signature': 'v1,abc', 'content-type': 'application/json' },
      body: '{"name":"Mug"}',
      receivedAt: NOW.toISOString(),
    })
  })

  it('keeps bins apart, and lists every bin', async () => {
    await call('POST', '/bin/orders', { body: 'o' })
    await call('POST', '/bin/demo', { body: 'd' })
    const { bins } = (await call('GET', '/__simulator/bins')).json() as { bins: unknown[] }
    expect(bins.map((bin) => binSchema.parse(bin)).map((bin) => [bin.name, bin.requests.map((request) => request.body)])).toEqual([
      ['demo', ['d']],
      ['orders', ['o']],
    ])
  })

  it('fails as its settings say, then comes back', async () => {
    const changed = await call('PATCH', '/__simulator/bins/demo/settings', { body: JSON.stringify({ failStatus: 503, failNext: 2 }) })
    expect(binSettingsSchema.parse((changed.json() as { settings: unknown }).settings)).toEqual({
      failStatus: 503,
      failNext: 2,
      down: false,
      delayMs: 0,
    })
    const answers = []
    for (let n = 0; n < 3; n += 1) answers.push((await call('POST', '/bin/demo', { body: '{}' })).status)
    expect(answers).toEqual([503, 503, 200])

    await call('PATCH', '/__simulator/bins/demo/settings', { body: JSON.stringify({ down: true, failStatus: 500 }) })
    expect((await call('POST', '/bin/demo')).status).toBe(500)
    await call('PATCH', '/__simulator/bins/demo/settings', { body: JSON.stringify({ down: false }) })
    expect((await call('POST', '/bin/demo')).status).toBe(200)
    expect((await binNamed('demo')).requests.map((request) => request.status)).toEqual([200, 500, 200, 503, 503])
  })

  it('waits before answering while it is slow', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    await call('PATCH', '/__simulator/bins/demo/settings', { body: JSON.stringify({ delayMs: 3000 }) })
    let answered = false
    const answer = call('POST', '/bin/demo').then((reply) => {
      answered = true
      return reply
    })
    await vi.advanceTimersByTimeAsync(2999)
    expect(answered).toBe(false)
    // Kept when it arrived, so the page shows it while the answer waits.
    expect((await binNamed('demo')).requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect((await answer).status).toBe(200)
  })

  it('clears what it received', async () => {
    await call('POST', '/bin/demo', { body: '{}' })
    expect((await call('DELETE', '/__simulator/bins/demo/requests')).status).toBe(204)
    expect(await binNamed('demo')).toMatchObject({ requests: [], received: 1 })
  })

  it('refuses a bad name and bad settings with a message, changing nothing', async () => {
    const badName = await call('POST', `/bin/${'x'.repeat(65)}`)
    expect(badName.status).toBe(400)
    expect(badName.json()).toEqual({ error: expect.stringContaining('1 to 64 letters, digits, hyphens or underscores') })
    for (const body of ['{"failNext":-1}', '{"failStatus":204}', '{"slow":true}', 'not json']) {
      const refused = await call('PATCH', '/__simulator/bins/demo/settings', { body })
      expect({ body, status: refused.status, reply: refused.json() }).toEqual({ body, status: 400, reply: { error: expect.any(String) } })
    }
    expect((await binNamed('demo')).settings).toEqual({ failStatus: 503, failNext: 0, down: false, delayMs: 0 })
    expect((await call('GET', '/__simulator/bins/bad%20name')).status).toBe(400)
  })

  it('is emptied with the rest of the simulator by a reset', async () => {
    await call('POST', '/bin/demo', { body: '{}' })
    await call('PATCH', '/__simulator/bins/demo/settings', { body: JSON.stringify({ down: true }) })
    expect((await call('POST', '/__simulator/reset')).status).toBe(204)
    expect(await binNamed('demo')).toMatchObject({ requests: [], settings: { down: false } })
  })
})

describe('the request bins’ page', () => {
  it('lists what each bin received, with the signature headers and the body pretty-printed', async () => {
    await call('POST', '/bin/demo/products', {
      body: '{"event":{"scope":"store/product/created"},"name":"<Mug> & \\"cup\\""}',
      headers: { 'webhook-id': 'msg_2abc', 'webhook-signature': 'v1,c2ln', 'webhook-timestamp': '1942000000' },
    })
    const page = await call('GET', '/bin')
    expect(page.status).toBe(200)
    expect(page.text).toContain('<h2 id="bin-demo">demo</h2>')
    expect(page.text).toContain('<code>http://127.0.0.1:8081/bin/demo</code>')
    expect(page.text).toContain('<h3 id="bin-demo-request-1">POST /bin/demo/products</h3>')
    expect(page.text).toContain('<time datetime="2031-07-15T10:30:00.000Z">2031-07-15 10:30:00 UTC</time>, answered 200.')
    expect(page.text).toContain('<dt>webhook-id</dt><dd><code>msg_2abc</code></dd>')
    expect(page.text).toContain('<dt>webhook-signature</dt><dd><code>v1,c2ln</code></dd>')
    // Indented, and escaped: what a request sends never becomes markup.
    expect(page.text).toContain('  &#34;name&#34;: &#34;&#60;Mug&#62; &#38; \\&#34;cup\\&#34;&#34;')
    expect(page.text).not.toContain('<Mug>')
  })

  it('makes a bin fail, slow or come back from its form, and says what it does now', async () => {
    const submit = (fields: Record<string, string>) =>
      call('POST', '/__simulator/bins/demo/controls', { body: new URLSearchParams(fields) })
    const failed = await submit({ action: 'fail', status: '503', times: '2', delayMs: '3000' })
    expect(failed.status).toBe(303)
    const location = failed.headers.get('location') ?? ''
    expect(decodeURIComponent(location)).toBe('/bin?changed=demo: Answers 503 to the next 2 requests, then 200.#bin-demo')
    expect((await call('GET', location)).text).toContain('<p role="status">demo: Answers 503 to the next 2 requests, then 200.</p>')

    await submit({ action: 'slow', status: '503', times: '2', delayMs: '1500' })
    expect((await binNamed('demo')).settings).toEqual({ failStatus: 503, failNext: 2, down: false, delayMs: 1500 })
    await submit({ action: 'down', status: '502', times: '', delayMs: '' })
    expect((await binNamed('demo')).settings).toMatchObject({ failStatus: 502, down: true })
    await submit({ action: 'back' })
    expect((await binNamed('demo')).settings).toEqual({ failStatus: 503, failNext: 0, down: false, delayMs: 0 })

    const refused = await submit({ action: 'fail', status: '200', times: '1' })
    expect(decodeURIComponent(refused.headers.get('location') ?? '')).toBe('/bin?problem=The status is 300 to 599.#bin-demo')
    expect((await call('GET', refused.headers.get('location') ?? '')).text).toContain('<p role="alert">The status is 300 to 599.</p>')
  })
})

describe('a request bin in the simulator’s HTTP server', () => {
  let server: SimulatorServer
  beforeAll(async () => {
    server = await startSimulatorServer({ now: () => NOW })
  })
  afterAll(() => server.close())

  it('keeps a request sent over the network, only the first 64 KB of a long body', async () => {
    const long = 'y'.repeat(MAX_BIN_BODY_BYTES * 2 + 3)
    const response = await fetch(`${server.url}/bin/demo/big`, { method: 'POST', body: long, headers: { 'content-type': 'text/plain' } })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ received: true })

    const listed = await fetch(`${server.url}/__simulator/bins/demo`)
    const { requests } = binSchema.parse(((await listed.json()) as { bin: unknown }).bin)
    expect(requests[0]).toMatchObject({
      path: '/bin/demo/big',
      bodyBytes: long.length,
      truncated: true,
      headers: { 'content-type': 'text/plain' },
    })
    expect(requests[0]?.body).toBe('y'.repeat(MAX_BIN_BODY_BYTES))

    const page = await fetch(`${server.url}/bin`)
    expect(await page.text()).toContain(`<code>${server.url}/bin/demo</code>`)
  })
})
