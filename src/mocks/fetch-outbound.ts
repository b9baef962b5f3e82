import { OutboundError, type OutboundHttp, type OutboundRequest, type OutboundResponse } from '../core/actions/outbound'

/**
 * The in-browser demo's way out for HTTP Request steps: the page's fetch, which msw hands to
 * the simulated store's request bin (or to any other handler). It keeps the server's rules
 * (server/outbound-http.ts) where a page can: a time limit, no more of the answer than asked
 * for, redirects not followed, and failures told apart as OutboundError kinds. It cannot refuse
 * private addresses as the server does, since a page never sees the address a name resolves
 * to; it needs to less: the browser sends only what CORS lets a page send, and no cookies.
 */
export function createFetchOutbound(fetchImpl: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init)): OutboundHttp {
  return {
    async send(request: OutboundRequest): Promise<OutboundResponse> {
      if (!URL.canParse(request.url)) throw new OutboundError('invalid_url', `${request.url} is not a URL.`)
      const url = new URL(request.url)
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new OutboundError('invalid_url', `${url.protocol} URLs cannot be called: use http or https.`)
      }
      let prepared: Request
      try {
        prepared = new Request(url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          redirect: 'manual',
          credentials: 'omit',
          // The limit covers the answer's body too: reading it fails once the time is up.
          signal: AbortSignal.timeout(request.timeoutMs),
        })
      } catch {
        // What the browser will not send as written is the step's to fix, as a bad URL is. Its
        // own message is not passed on: it may quote a header's value, which may be a secret.
        throw new OutboundError(
          'invalid_url',
          'The browser cannot send this request as written (a method, header name or value it does not allow).',
        )
      }
      try {
        const response = await fetchImpl(prepared)
        // A browser hides a redirect's status and address (an opaque redirect); Node gives the 3xx itself.
        if (response.type === 'opaqueredirect') {
          throw new OutboundError(
            'invalid_url',
            `${url.host} answered with a redirect, which is not followed: use the address it points to.`,
          )
        }
        const { body, truncated } = await readKept(response, request.maxResponseBytes)
        const headers: Record<string, string> = {}
        response.headers.forEach((value, name) => (headers[name] = value))
        return { status: response.status, headers, body, truncated }
      } catch (error) {
        if (error instanceof OutboundError) throw error
        if (error instanceof Error && error.name === 'TimeoutError') {
          throw new OutboundError('timeout', `${url.host} did not answer within ${request.timeoutMs / 1000} s.`)
        }
        // fetch says no more than "Failed to fetch": the destination is down, unknown, or refuses
        // a request from a page (CORS); none of it quotes what was sent.
        throw new OutboundError(
          'network',
          `${url.host} could not be reached from this browser (it is down, unknown, or does not take requests from a web page).`,
        )
      }
    },
  }
}

/** The body's first `limit` bytes as text; the rest is not read. */
async function readKept(response: Response, limit: number): Promise<{ body: string; truncated: boolean }> {
  if (!response.body) return { body: '', truncated: false }
  const reader = response.body.getReader()
  const bytes = new Uint8Array(limit)
  let kept = 0
  let truncated = false
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    const room = limit - kept
    bytes.set(value.subarray(0, room), kept)
    kept += Math.min(room, value.length)
    if (value.length > room) {
      truncated = true
      // Not awaited: cancelling an msw-made body never settles in Node (mswjs/interceptors#712).
      reader.cancel().catch(() => undefined)
      break
    }
  }
  return { body: new TextDecoder().decode(bytes.subarray(0, kept)), truncated }
}
