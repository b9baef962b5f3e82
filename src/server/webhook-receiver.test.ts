import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { WEBHOOK_BODY_LIMIT_BYTES } from '../api/request-body'
import { BackendError } from '../contract/errors'
import { webhookPath } from '../contract/routes'
import type { DeliveryInput, TriggerService } from '../core/trigger-service'
import { jsonLogger } from './log'
import { createNodeWebhookReceiver } from './webhook-receiver'

const lines: string[] = []
const received: DeliveryInput[] = []
/** What the service does with the next delivery; the transport is what is under test. */
let outcome: () => ReturnType<TriggerService['receiveDelivery']>

const receiver = createNodeWebhookReceiver(
  {
    receiveDelivery: (input) => {
      received.push(input)
      return outcome()
    },
  },
  {
    logger: jsonLogger({ out: (line) => lines.push(line), err: (line) => lines.push(line) }),
    onUnexpectedError: (error, requestId) => lines.push(`unexpected ${requestId}: ${String(error)}`),
  },
)

let server: Server
let origin: string
beforeAll(async () => {
  server = createServer((request, response) => {
    if (receiver(request, response)) return
    response.writeHead(418).end('the app')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
beforeEach(() => {
  lines.length = 0
  received.length = 0
  outcome = () => Promise.resolve({ status: 'stored' })
})

const callback = { scope: 'store/product/created', store_id: '1', data: { type: 'product', id: 7 }, hash: 'h1', producer: 'stores/abc' }
const json = { 'content-type': 'application/json' }

function post(path: string, body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = json) {
  return fetch(`${origin}${path}`, { method: 'POST', headers, body, duplex: 'half' } as RequestInit)
}

describe('the webhook receiver on node:http', () => {
  it('hands the delivery to the service and answers its outcome, with the request id and one log line', async () => {
    const response = await post(`${webhookPath('trg 1')}?attempt=2`, JSON.stringify(callback), {
      ...json,
      'x-trigger-secret': 's3cret',
      'x-request-id': 'lb-7',
    })
    expect([response.status, await response.json()]).toEqual([200, { status: 'stored' }])
    expect(response.headers.get('x-request-id')).toBe('lb-7')
    expect(received).toEqual([{ triggerId: 'trg 1', secretHeader: 's3cret', body: callback }])
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ msg: 'request', requestId: 'lb-7', method: 'POST', path: '/hooks/bigcommerce/trg%201', status: 200 }),
    ])
    expect(lines[0]).not.toContain('s3cret')
  })

  it('passes the signature headers and the body exactly as it came', async () => {
    const raw = '{ "hash": "h2",  "scope": "store/product/created" }'
    await post(webhookPath('trg_1'), raw, {
      ...json,
      'webhook-id': 'msg_1',
      'webhook-timestamp': '1767225600',
      'webhook-signature': 'v1,abc',
    })
    expect(received[0]?.signed).toEqual({ rawBody: raw, headers: { id: 'msg_1', timestamp: '1767225600', signature: 'v1,abc' } })
  })

  it('answers the error shape: 415 for another type, 400 for bad JSON, 503 with Retry-After when storage cannot take it', async () => {
    const form = await post(webhookPath('trg_1'), 'a=1', { 'content-type': 'application/x-www-form-urlencoded' })
    expect([form.status, (await form.json()).error.code]).toEqual([415, 'unsupported_media_type'])
    const broken = await post(webhookPath('trg_1'), '{"scope":')
    expect([broken.status, (await broken.json()).error.code]).toEqual([400, 'malformed_json'])
    outcome = () => Promise.reject(new BackendError('storage_unavailable', 'Not now.'))
    const busy = await post(webhookPath('trg_1'), JSON.stringify(callback))
    expect([busy.status, busy.headers.get('retry-after'), await busy.json()]).toEqual([
      503,
      '5',
      { error: { code: 'storage_unavailable', message: 'Not now.' } },
    ])
    expect(received).toHaveLength(1)
  })

  it('answers a generic 500 to an unexpected failure, whose words go to the log only', async () => {
    outcome = () => Promise.reject(new Error('token abc123 leaked'))
    const response = await post(webhookPath('trg_1'), JSON.stringify(callback), { ...json, 'x-request-id': 'lb-8' })
    const text = await response.text()
    expect(response.status).toBe(500)
    expect(text).not.toContain('abc123')
    expect(lines).toContain('unexpected lb-8: Error: token abc123 leaked')
  })

  it('refuses a body over 64 KB by its declared length', async () => {
    const big = JSON.stringify({ ...callback, padding: 'x'.repeat(WEBHOOK_BODY_LIMIT_BYTES) })
    const response = await post(webhookPath('trg_1'), big, { ...json, 'content-length': String(big.length) })
    expect([response.status, (await response.json()).error.code]).toEqual([413, 'payload_too_large'])
    expect(received).toEqual([])
  })

  it('refuses a body over 64 KB that declares no length once the bytes pass the limit', async () => {
    const bytes = new TextEncoder().encode('x'.repeat(WEBHOOK_BODY_LIMIT_BYTES + 1))
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 8192) controller.enqueue(bytes.slice(offset, offset + 8192))
        controller.close()
      },
    })
    const response = await post(webhookPath('trg_1'), stream)
    expect([response.status, (await response.json()).error.code]).toEqual([413, 'payload_too_large'])
    expect(received).toEqual([])
  })

  it('logs a sender that went away before its body ended as 499, not as a failure of ours', async () => {
    const { port } = server.address() as AddressInfo
    const socket = connect(port, '127.0.0.1')
    await new Promise<void>((resolve) => socket.once('connect', resolve))
    socket.write(
      `POST ${webhookPath('trg_1')} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nx-request-id: gone-1\r\n\r\n{"scope":`,
    )
    socket.destroy()
    await expect
      .poll(() => lines.map((line) => JSON.parse(line) as Record<string, unknown>))
      .toEqual([expect.objectContaining({ msg: 'request', requestId: 'gone-1', status: 499 })])
    expect(received).toEqual([])
  })

  it('leaves every other request to the app', async () => {
    expect((await fetch(`${origin}${webhookPath('trg_1')}`)).status).toBe(418)
    expect((await post(`${webhookPath('trg_1')}/more`, '{}')).status).toBe(418)
    expect((await post('/api/automations', '{}')).status).toBe(418)
    expect(received).toEqual([])
  })
})
