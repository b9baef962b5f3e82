import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { BlockList, isIP, type LookupFunction } from 'node:net'
import { OutboundError, type OutboundHttp, type OutboundRequest, type OutboundResponse } from '../core/actions/outbound'

/**
 * Action steps' requests from the Node server. A step's URL is typed by a user and may name
 * anything, so a request to this machine, the private network, a link-local address or a cloud
 * metadata service (169.254.169.254, fd00:ec2::254) is refused unless ALLOW_PRIVATE_DESTINATIONS
 * says otherwise. The check is made on the address the socket connects to (the DNS lookup is
 * ours, so a name that resolves elsewhere the second time, DNS rebinding, cannot pass) and again
 * on the connected socket. Redirects are not followed: a 3xx is the step's answer.
 */

/** Addresses a destination may not be: every range that is not the public internet. */
const NOT_PUBLIC = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, where cloud metadata services answer
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64: an IPv4 address inside
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local, fd00:ec2::254 among them
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6')
}

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:10.0.0.1`), else the address itself. */
function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return mapped?.[1] ?? address
}

export function isPublicAddress(address: string): boolean {
  const plain = unmapped(address.replace(/^\[|\]$/g, ''))
  const family = isIP(plain)
  if (family === 0) return false
  return !NOT_PUBLIC.check(plain, family === 4 ? 'ipv4' : 'ipv6')
}

function refused(host: string, address: string): OutboundError {
  return new OutboundError(
    'destination_refused',
    `${host} is ${address === host ? 'a' : `at ${address}, a`} private, loopback or link-local address, which action steps may not call (set ALLOW_PRIVATE_DESTINATIONS=true to allow it).`,
  )
}

/** dns.lookup, refusing a name whose address is not public: the socket connects to what this returns. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0)
      const allowed = allowPrivate ? addresses : addresses.filter((entry) => isPublicAddress(entry.address))
      const [first] = allowed
      if (!first) return callback(refused(hostname, addresses[0]?.address ?? hostname), '', 0)
      // node:net asks for all addresses when it tries each in turn (autoSelectFamily).
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, allowed)
      return callback(null, first.address, first.family)
    })
  }
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}

export function createOutboundHttp({ allowPrivateDestinations }: { allowPrivateDestinations: boolean }): OutboundHttp {
  const lookup = guardedLookup(allowPrivateDestinations)
  return {
    send(request: OutboundRequest): Promise<OutboundResponse> {
      return new Promise((resolve, reject) => {
        let url: URL
        try {
          url = new URL(request.url)
        } catch {
          reject(new OutboundError('invalid_url', `${request.url} is not a URL.`))
          return
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:') {
          reject(new OutboundError('invalid_url', `${url.protocol} URLs cannot be called: use http or https.`))
          return
        }
        const host = url.hostname.replace(/^\[|\]$/g, '')
        // An address in the URL is never looked up: it is checked as it stands.
        if (isIP(host) !== 0 && !allowPrivateDestinations && !isPublicAddress(host)) {
          reject(refused(host, host))
          return
        }
        const send = url.protocol === 'https:' ? httpsRequest : httpRequest
        const outgoing = send(url, { method: request.method, headers: request.headers, lookup, timeout: request.timeoutMs }, (response) => {
          const chunks: Buffer[] = []
          let kept = 0
          let truncated = false
          response.on('data', (chunk: Buffer) => {
            if (kept >= request.maxResponseBytes) {
              truncated = true
              return
            }
            const room = request.maxResponseBytes - kept
            if (chunk.length > room) truncated = true
            chunks.push(chunk.subarray(0, room))
            kept += Math.min(chunk.length, room)
          })
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: flatHeaders(response.headers),
              body: Buffer.concat(chunks).toString('utf8'),
              truncated,
            }),
          )
          response.on('error', (error) => reject(new OutboundError('network', `The response broke off (${codeOf(error)}).`)))
        })
        // The address connected to, checked once more: nothing but our lookup should decide it.
        outgoing.on('socket', (socket) => {
          socket.once('connect', () => {
            const address = socket.remoteAddress ?? ''
            if (!allowPrivateDestinations && !isPublicAddress(address)) outgoing.destroy(refused(host, address))
          })
        })
        outgoing.on('timeout', () =>
          outgoing.destroy(new OutboundError('timeout', `${url.host} did not answer within ${request.timeoutMs / 1000} s.`)),
        )
        outgoing.on('error', (error) =>
          reject(
            error instanceof OutboundError ? error : new OutboundError('network', `${url.host} could not be reached (${codeOf(error)}).`),
          ),
        )
        outgoing.end(request.body ?? undefined)
      })
    },
  }
}

/** The system's code (ECONNREFUSED, ENOTFOUND…) and no more: messages may quote what was sent. */
function codeOf(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined
  return typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? code : 'network error'
}
