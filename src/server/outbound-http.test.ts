import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OutboundError } from '../core/actions/outbound'
import { createOutboundHttp, isPublicAddress } from './outbound-http'

let server: Server
let port: number

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/slow') return void setTimeout(() => response.end('late'), 2000)
    if (request.url === '/redirect') {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' })
      return void response.end()
    }
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      response.writeHead(201, { 'content-type': 'text/plain', 'x-seen': String(request.headers['x-step'] ?? '') })
      response.end(`${request.method} ${Buffer.concat(chunks).toString()} ${'x'.repeat(100)}`)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const request = (url: string, overrides = {}) => ({
  method: 'POST',
  url,
  headers: { 'x-step': 'one' },
  body: 'hello',
  timeoutMs: 1000,
  maxResponseBytes: 64 * 1024,
  ...overrides,
})

async function refusal(promise: Promise<unknown>): Promise<OutboundError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(OutboundError)
  return error as OutboundError
}

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['2606:4700:4700::1111', true],
    ['127.0.0.1', false],
    ['10.2.3.4', false],
    ['172.31.0.1', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fd00:ec2::254', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:169.254.169.254', false],
    ['::ffff:8.8.8.8', true],
    ['64:ff9b::a9fe:a9fe', false],
    ['not an address', false],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected)
  })
})

describe('createOutboundHttp', () => {
  it('refuses a loopback address in the URL, before connecting', async () => {
    const error = await refusal(createOutboundHttp({ allowPrivateDestinations: false }).send(request(`http://127.0.0.1:${port}/`)))
    expect(error.kind).toBe('destination_refused')
    expect(error.retryable).toBe(false)
    expect(error.message).toMatch(/ALLOW_PRIVATE_DESTINATIONS/)
  })

  it('refuses a name that resolves to a private address, and an IPv4-mapped one', async () => {
    const http = createOutboundHttp({ allowPrivateDestinations: false })
    expect((await refusal(http.send(request(`http://localhost:${port}/`)))).kind).toBe('destination_refused')
    expect((await refusal(http.send(request(`http://[::ffff:127.0.0.1]:${port}/`)))).kind).toBe('destination_refused')
  })

  it('sends and reads the answer when private destinations are allowed', async () => {
    const response = await createOutboundHttp({ allowPrivateDestinations: true }).send(request(`http://localhost:${port}/`))
    expect(response.status).toBe(201)
    expect(response.headers['x-seen']).toBe('one')
    expect(response.body).toMatch(/^POST hello x+$/)
    expect(response.truncated).toBe(false)
  })

  it('keeps only the first bytes of a long answer', async () => {
    const response = await createOutboundHttp({ allowPrivateDestinations: true }).send(
      request(`http://127.0.0.1:${port}/`, { maxResponseBytes: 10 }),
    )
    expect(response.body).toBe('POST hello')
    expect(response.truncated).toBe(true)
  })

  it('does not follow a redirect: the 3xx is the answer', async () => {
    const response = await createOutboundHttp({ allowPrivateDestinations: true }).send(
      request(`http://127.0.0.1:${port}/redirect`, { method: 'GET', body: null }),
    )
    expect(response.status).toBe(302)
  })

  it('gives up on a destination that does not answer in time, as a retryable failure', async () => {
    const error = await refusal(
      createOutboundHttp({ allowPrivateDestinations: true }).send(request(`http://127.0.0.1:${port}/slow`, { timeoutMs: 200 })),
    )
    expect(error.kind).toBe('timeout')
    expect(error.retryable).toBe(true)
  })

  it('says which system error a failed connection met', async () => {
    const error = await refusal(createOutboundHttp({ allowPrivateDestinations: true }).send(request('http://127.0.0.1:1/')))
    expect(error.kind).toBe('network')
    expect(error.message).toMatch(/ECONNREFUSED/)
  })

  it('takes only http and https', async () => {
    expect((await refusal(createOutboundHttp({ allowPrivateDestinations: true }).send(request('file:///etc/passwd')))).kind).toBe(
      'invalid_url',
    )
  })
})
