import { escapeHtml } from './control-page'
import { describeSettings, MAX_BIN_BODY_BYTES, MAX_BIN_DELAY_MS, MAX_BIN_FAIL_NEXT, type Bin, type BinRequest } from './request-bin'

/**
 * The request bins' page, plain HTML like the control page: what each bin received, newest
 * first, with the Standard Webhooks headers a receiver checks in view and the body
 * pretty-printed, and a form to make the bin fail, be slow or come back. The list of requests
 * is also what the in-browser demo's panel shows.
 */

/** The headers a receiver of a signed request reads first; the others are behind "All headers". */
const SIGNATURE_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const

type HeadingLevel = 2 | 3 | 4

/** JSON indented, so a product's fields can be read; any other text as it came. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}

/** `2031-07-15 10:30:05 UTC`: the same on every machine, whatever its zone or locale. */
function shownTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`
}

function bytes(count: number): string {
  return count === 1 ? '1 byte' : `${count} bytes`
}

function headerList(entries: readonly (readonly [string, string])[]): string {
  return `<dl class="bin-headers">${entries.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd><code>${escapeHtml(value)}</code></dd>`).join('')}</dl>`
}

function requestHtml(bin: Bin, request: BinRequest, level: HeadingLevel): string {
  const target = `${request.path}${request.query === '' ? '' : `?${request.query}`}`
  const signature = SIGNATURE_HEADERS.flatMap((name) => {
    const value = request.headers[name]
    return value === undefined ? [] : [[name, value] as const]
  })
  const allHeaders = Object.entries(request.headers).sort(([a], [b]) => (a < b ? -1 : 1))
  const size = request.truncated ? `first ${bytes(MAX_BIN_BODY_BYTES)} of ${bytes(request.bodyBytes)}` : bytes(request.bodyBytes)
  const body =
    request.bodyBytes === 0
      ? '<p>No body.</p>'
      : `<figure><figcaption>Body (${size})</figcaption><pre tabindex="0"><code>${escapeHtml(prettyBody(request.body))}</code></pre></figure>`
  return `<li class="bin-request" aria-labelledby="bin-${escapeHtml(bin.name)}-request-${request.id}">
<h${level} id="bin-${escapeHtml(bin.name)}-request-${request.id}">${escapeHtml(request.method)} ${escapeHtml(target)}</h${level}>
<p>Request ${request.id}, received <time datetime="${escapeHtml(request.receivedAt)}">${shownTime(request.receivedAt)}</time>, answered ${request.status < 300 ? request.status : `<strong>${request.status}</strong>`}${request.delayMs > 0 ? ` after ${request.delayMs} ms` : ''}.</p>
${signature.length > 0 ? headerList(signature) : '<p>Not signed: no webhook-signature header.</p>'}
<details><summary>All headers (${allHeaders.length})</summary>${headerList(allHeaders)}</details>
${body}
</li>`
}

/** What a bin received, newest first, its requests' headings one level below `level`. */
export function binRequestsHtml(bin: Bin, level: HeadingLevel): string {
  if (bin.requests.length === 0) return '<p>Nothing received yet.</p>'
  const next = Math.min(level + 1, 4) as HeadingLevel
  return `<ol class="bin-requests" aria-label="Requests ${escapeHtml(bin.name)} received, newest first">${bin.requests.map((request) => requestHtml(bin, request, next)).join('')}</ol>`
}

function controlsHtml(bin: Bin): string {
  const { settings } = bin
  return `<form method="post" action="/__simulator/bins/${encodeURIComponent(bin.name)}/controls">
<fieldset><legend>Make ${escapeHtml(bin.name)} fail, slow, or come back</legend>
<label>Status to fail with <input name="status" type="number" min="300" max="599" required value="${settings.failStatus}"></label>
<label>Requests to fail <input name="times" type="number" min="1" max="${MAX_BIN_FAIL_NEXT}" value="${settings.failNext || 3}"></label>
<label>Wait before answering (ms) <input name="delayMs" type="number" min="1" max="${MAX_BIN_DELAY_MS}" value="${settings.delayMs || 3000}"></label>
<div class="actions">
<button type="submit" name="action" value="fail">Fail the next requests</button>
<button type="submit" name="action" value="down">Go down</button>
<button type="submit" name="action" value="slow">Be slow</button>
<button type="submit" name="action" value="back">Come back</button>
<button type="submit" name="action" value="clear" formnovalidate>Clear the list</button>
</div></fieldset></form>`
}

export function binPage(options: {
  origin: string
  bins: readonly Bin[]
  changed: string | undefined
  problem: string | undefined
}): string {
  const message = options.problem
    ? `<p role="alert">${escapeHtml(options.problem)}</p>`
    : options.changed
      ? `<p role="status">${escapeHtml(options.changed)}</p>`
      : ''
  const bins = options.bins
    .map((bin) => {
      const id = `bin-${escapeHtml(bin.name)}`
      const kept = bin.requests.length === bin.received ? '' : ` (${bin.requests.length} kept of ${bin.received})`
      return `<section aria-labelledby="${id}">
<h2 id="${id}">${escapeHtml(bin.name)}</h2>
<p>Address: <code>${escapeHtml(`${options.origin}/bin/${bin.name}`)}</code></p>
<p>${escapeHtml(describeSettings(bin.settings))} Received ${bin.received === 1 ? '1 request' : `${bin.received} requests`}${kept}.</p>
${controlsHtml(bin)}
${binRequestsHtml(bin, 2)}
</section>`
    })
    .join('')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Request bins · BigCommerce simulator</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}section{border-top:1px solid #999;margin-top:1.5rem}fieldset{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end}label{display:flex;flex-direction:column}input{font:inherit;width:8rem}.actions{display:flex;gap:.5rem;flex-wrap:wrap}button{font:inherit;padding:.4rem .8rem}.bin-requests{list-style:none;padding:0}.bin-request{border:1px solid #999;border-radius:4px;padding:.5rem 1rem;margin:1rem 0}.bin-request h3{margin:.25rem 0}.bin-headers{display:grid;grid-template-columns:max-content 1fr;gap:0 1rem;margin:.5rem 0}.bin-headers dt{font-weight:600}.bin-headers dd{margin:0;overflow-wrap:anywhere}pre{background:#f4f4f4;padding:.5rem;overflow:auto;max-height:24rem}figure{margin:0}[role=alert]{color:#a00}</style>
</head><body><main>
<h1>Request bins</h1>
<p>A destination for action steps to call while you watch. Any request to <code>${escapeHtml(options.origin)}/bin/<var>name</var></code> (any method, any path below it) is kept here and answered <code>200 {"received":true}</code>, unless its bin is set to fail or to be slow.</p>
<p><a href="/bin">Refresh</a> · <a href="/">The simulator's control page</a></p>
${message}${bins}
</main></body></html>`
}
