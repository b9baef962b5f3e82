/**
 * The core's third port: how an HTTP Request step reaches its destination. The Node server's
 * (server/outbound-http.ts) refuses private addresses; the in-browser demo's is fetch, which msw
 * hands to the simulated store's request bin.
 */

export type OutboundRequest = {
  method: string
  url: string
  headers: Record<string, string>
  body: string | null
  timeoutMs: number
  /** More of the response body than this is not kept (`truncated`). */
  maxResponseBytes: number
}

export type OutboundResponse = { status: number; headers: Record<string, string>; body: string; truncated: boolean }

export interface OutboundHttp {
  /** Resolves with any status the destination answered; rejects with an `OutboundError` when there was none. */
  send(request: OutboundRequest): Promise<OutboundResponse>
}

/**
 * Why a request got no answer. `destination_refused` and `invalid_url` are the user's to fix
 * (no retry helps); `timeout` and `network` are worth retrying.
 */
export type OutboundErrorKind = 'destination_refused' | 'invalid_url' | 'timeout' | 'network'

export class OutboundError extends Error {
  readonly kind: OutboundErrorKind
  constructor(kind: OutboundErrorKind, message: string) {
    super(message)
    this.name = 'OutboundError'
    this.kind = kind
  }

  get retryable(): boolean {
    return this.kind === 'timeout' || this.kind === 'network'
  }
}
