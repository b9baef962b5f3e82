import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A pass-through between the server and the simulated BigCommerce that can hold one request,
 * so a test knows the server is inside that call when it kills it. Then it decides what
 * BigCommerce did with it: `forward()` (it acted, though nobody heard the answer) or `drop()`
 * (it never got it). Everything else passes untouched.
 */
export type HeldRequest = { method: string; path: string; forward(): Promise<void>; drop(): void }

export type BigcommerceGate = {
  url: string
  /** Resolves when the next request matching `method` and `path` arrives, and holds it. */
  hold(match: { method: string; path: RegExp }): Promise<HeldRequest>
  /** Every request that reached the gate so far, as `GET /stores/…/v3/hooks`, oldest first: what the server asked BigCommerce. */
  requests(): string[]
  close(): Promise<void>
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export async function startBigcommerceGate(target: string): Promise<BigcommerceGate> {
  let waiting: { match: { method: string; path: RegExp }; take: (held: HeldRequest) => void }[] = []
  const seen: string[] = []

  async function send(request: IncomingMessage, body: Buffer): Promise<Response> {
    const headers = new Headers()
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) headers.set(name, value)
    }
    return fetch(`${target}${request.url ?? '/'}`, {
      method: request.method,
      headers,
      body: body.length > 0 ? new Uint8Array(body) : undefined,
    })
  }

  async function pass(request: IncomingMessage, response: ServerResponse, body: Buffer) {
    const answer = await send(request, body)
    const text = Buffer.from(await answer.arrayBuffer())
    const headers: Record<string, string> = {}
    answer.headers.forEach((value, name) => {
      if (!['content-length', 'transfer-encoding', 'content-encoding', 'connection'].includes(name)) headers[name] = value
    })
    response.writeHead(answer.status, headers).end(text)
  }

  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request)
      const path = new URL(request.url ?? '/', 'http://gate').pathname
      seen.push(`${request.method ?? ''} ${path}`)
      const index = waiting.findIndex(({ match }) => match.method === request.method && match.path.test(path))
      const waiter = waiting[index]
      if (!waiter) return pass(request, response, body)
      waiting = waiting.filter((_, position) => position !== index)
      waiter.take({
        method: request.method ?? '',
        path,
        async forward() {
          const answer = await send(request, body)
          await answer.body?.cancel()
          response.destroy()
        },
        drop: () => response.destroy(),
      })
    })().catch(() => response.destroy())
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    hold: (match) => new Promise((take) => waiting.push({ match, take })),
    requests: () => [...seen],
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
