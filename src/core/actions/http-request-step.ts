import type { HttpRequestStep } from '../../contract/actions'
import { renderTemplate, TemplateError, UnresolvedReference, type ReferenceContext } from '../../contract/references'
import type { AttemptRequest } from '../../contract/runs'
import { OutboundError, type OutboundHttp } from './outbound'
import { retryAfterMs } from './retry-schedule'
import { signatureHeaders } from './step-signature'
import { failedBeforeSending, keptText, MASK, MAX_KEPT_BODY_BYTES, type StepResult } from './step-result'

/** A destination that has not answered in this long is tried again later. */
export const HTTP_STEP_TIMEOUT_MS = 15_000

/** Statuses worth another try: the destination is busy, down or asks us to wait. Any other 4xx will not change. */
const RETRYABLE_STATUSES = new Set([408, 425, 429])

// oxlint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\x00-\x08\x0a-\x1f\x7f]/

export type HttpStepInput = {
  step: HttpRequestStep
  context: ReferenceContext
  /** `webhook-id`: the same on every try of this run's step. */
  messageId: string
  /** Secret headers' values by their `secretId`, and the step's signing secrets, newest first. */
  secretValues: ReadonlyMap<string, string>
  signingSecrets: readonly string[]
  outbound: OutboundHttp
  now: () => Date
  timeoutMs?: number
}

function referenceProblem(error: unknown, where: string): string | null {
  if (error instanceof UnresolvedReference || error instanceof TemplateError) return `${where}: ${error.message}`
  return null
}

/** The request the step describes for this run, with its references filled in; a string says why it cannot be sent. */
export function buildHttpRequest(
  input: Omit<HttpStepInput, 'outbound' | 'now' | 'messageId' | 'signingSecrets'>,
): { method: string; url: string; headers: Record<string, string>; body: string | null; secretNames: Set<string> } | string {
  const { step, context } = input
  let url: URL
  try {
    url = new URL(renderTemplate(step.url.trim(), context, 'url'))
  } catch (error) {
    return referenceProblem(error, 'The URL') ?? `The URL ${JSON.stringify(step.url)} is not a URL once its references are filled in.`
  }
  const headers: Record<string, string> = { 'user-agent': 'BigCommerce-Trigger' }
  const secretNames = new Set<string>()
  try {
    for (const parameter of step.query) url.searchParams.append(parameter.name.trim(), renderTemplate(parameter.value, context, 'text'))
    for (const header of step.headers) {
      const name = header.name.trim()
      const value = header.secret ? input.secretValues.get(header.secretId ?? '') : renderTemplate(header.value ?? '', context, 'text')
      if (value === undefined) return `The secret value of the header ${name} is missing: enter it again.`
      if (CONTROL_CHARACTER.test(value)) {
        return `The header ${name} would carry a line break or another control character${header.secret ? '' : ' (from the data it refers to)'}, which HTTP cannot send.`
      }
      headers[name.toLowerCase()] = value
      if (header.secret) secretNames.add(name.toLowerCase())
    }
  } catch (error) {
    return referenceProblem(error, 'A query parameter or header') ?? String(error)
  }
  let body: string | null = null
  if (step.method !== 'GET' && step.method !== 'DELETE') {
    try {
      body =
        step.body === null ? JSON.stringify({ event: context.trigger, steps: context.steps }) : renderTemplate(step.body, context, 'json')
    } catch (error) {
      return referenceProblem(error, 'The body') ?? String(error)
    }
    try {
      JSON.parse(body)
    } catch {
      return 'The body is not valid JSON once its references are filled in: check the template around each {{…}}.'
    }
    headers['content-type'] ??= 'application/json'
  }
  return { method: step.method, url: url.toString(), headers, body, secretNames }
}

/** One try of an HTTP Request step: signed, sent, and judged by its answer. */
export async function runHttpRequestStep(input: HttpStepInput): Promise<StepResult> {
  const built = buildHttpRequest(input)
  if (typeof built === 'string') return failedBeforeSending(built)
  const at = input.now()
  const signed = { ...built.headers, ...signatureHeaders(input.signingSecrets, input.messageId, at, built.body ?? '') }
  const shown: AttemptRequest = {
    method: built.method,
    url: built.url,
    headers: Object.fromEntries(Object.entries(signed).map(([name, value]) => [name, built.secretNames.has(name) ? MASK : value])),
    body: built.body === null ? null : keptText(built.body).text,
  }
  let response
  try {
    response = await input.outbound.send({
      method: built.method,
      url: built.url,
      headers: signed,
      body: built.body,
      timeoutMs: input.timeoutMs ?? HTTP_STEP_TIMEOUT_MS,
      maxResponseBytes: MAX_KEPT_BODY_BYTES,
    })
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error
    return error.retryable
      ? { outcome: 'retryable', message: error.message, request: shown, response: null, retryAfterMs: null }
      : { outcome: 'failed', message: error.message, request: shown, response: null }
  }
  const kept = { status: response.status, headers: response.headers, body: response.body, truncated: response.truncated }
  if (response.status >= 200 && response.status < 300) {
    return {
      outcome: 'success',
      output: { status: response.status, headers: response.headers, body: parsedBody(response.body) },
      message: null,
      request: shown,
      response: kept,
    }
  }
  const message = `${new URL(built.url).host} answered ${response.status}.`
  if (response.status >= 500 || RETRYABLE_STATUSES.has(response.status)) {
    return {
      outcome: 'retryable',
      message,
      request: shown,
      response: kept,
      retryAfterMs: retryAfterMs(response.headers['retry-after'] ?? null, at),
    }
  }
  return {
    outcome: 'failed',
    message: `${message} ${response.status >= 300 && response.status < 400 ? 'Redirects are not followed: use the address it points to.' : 'A 4xx will not change on a retry.'}`,
    request: shown,
    response: kept,
  }
}

/** JSON when the answer is JSON, so later steps can refer into it; its text otherwise. */
function parsedBody(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
