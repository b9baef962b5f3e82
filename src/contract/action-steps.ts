import * as z from 'zod/mini'
import {
  actionStepSchema,
  GET_ACTION_IDS,
  MAX_ACTION_STEPS,
  MAX_BODY_TEMPLATE_BYTES,
  MAX_CONDITIONS,
  MAX_QUERY_PARAMETERS,
  MAX_STEP_HEADERS,
  MAX_URL_LENGTH,
  type ActionStep,
} from './actions'
import { HTTP_TOKEN } from './custom-headers'
import { parseTemplate, type TemplatePart } from './references'

/**
 * The rules a saved version's steps keep, each problem at the field to blame
 * (`steps.1.url`, `steps.0.headers.2.name`), in the same words whether the form says it before
 * a request or the backend after one.
 */

export type StepProblem = { path: (string | number)[]; message: string }

/** Headers the HTTP stack or the signature owns. */
const RESERVED_STEP_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
])

// oxlint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\x00-\x08\x0a-\x1f\x7f]/

/** The template's parts, or its problem in words (with where it is). */
function templateParts(template: string): TemplatePart[] | string {
  try {
    return parseTemplate(template)
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

/** Problems of a template: it must parse, and refer only to steps that run before this one. */
function templateProblems(
  template: string,
  earlier: ReadonlySet<string>,
  path: (string | number)[],
  problems: StepProblem[],
): TemplatePart[] {
  const parts = templateParts(template)
  if (typeof parts === 'string') {
    problems.push({ path, message: parts })
    return []
  }
  for (const part of parts) {
    if (part.kind === 'reference' && part.reference.source === 'step' && !earlier.has(part.reference.stepId)) {
      problems.push({ path, message: `{{${part.text}}} refers to step ${part.reference.stepId}, which does not run before this one.` })
    }
  }
  return parts
}

function httpProblems(
  step: Extract<ActionStep, { connector: 'http' }>,
  earlier: ReadonlySet<string>,
  at: (string | number)[],
  problems: StepProblem[],
): void {
  const url = step.url.trim()
  if (url === '') problems.push({ path: [...at, 'url'], message: 'Enter the URL to send the request to.' })
  else if (url.length > MAX_URL_LENGTH) problems.push({ path: [...at, 'url'], message: `Keep the URL under ${MAX_URL_LENGTH} characters.` })
  else {
    const parts = templateProblems(url, earlier, [...at, 'url'], problems)
    const head = parts[0]
    if (parts.length > 0 && !(head?.kind === 'text' && /^https?:\/\/[^/?#{}\s]+/i.test(head.text))) {
      problems.push({
        path: [...at, 'url'],
        message: 'A URL starts with http:// or https:// and a host written out (a reference can come after it).',
      })
    }
  }
  if (step.headers.length > MAX_STEP_HEADERS) problems.push({ path: [...at, 'headers'], message: `At most ${MAX_STEP_HEADERS} headers.` })
  const seen = new Set<string>()
  step.headers.forEach((header, index) => {
    const name = header.name.trim()
    const here = [...at, 'headers', index]
    if (name === '') problems.push({ path: [...here, 'name'], message: 'Enter a header name.' })
    else if (!HTTP_TOKEN.test(name))
      problems.push({
        path: [...here, 'name'],
        message: "A header name may use only letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ (no spaces or colons).",
      })
    else if (RESERVED_STEP_HEADERS.has(name.toLowerCase()))
      problems.push({ path: [...here, 'name'], message: `${name} is set by the HTTP stack or the signature, so it cannot be set here.` })
    else if (seen.has(name.toLowerCase()))
      problems.push({ path: [...here, 'name'], message: `${name} is already set above. Header names are case-insensitive.` })
    seen.add(name.toLowerCase())
    if (header.secret) {
      if (header.secretId === null && (header.value ?? '') === '')
        problems.push({ path: [...here, 'value'], message: 'Enter the secret value.' })
      else if (header.value !== null && CONTROL_CHARACTER.test(header.value))
        problems.push({ path: [...here, 'value'], message: 'A header value cannot hold line breaks or other control characters.' })
    } else {
      const value = header.value ?? ''
      if (CONTROL_CHARACTER.test(value))
        problems.push({ path: [...here, 'value'], message: 'A header value cannot hold line breaks or other control characters.' })
      else templateProblems(value, earlier, [...here, 'value'], problems)
    }
  })
  if (step.query.length > MAX_QUERY_PARAMETERS)
    problems.push({ path: [...at, 'query'], message: `At most ${MAX_QUERY_PARAMETERS} query parameters.` })
  step.query.forEach((parameter, index) => {
    if (parameter.name.trim() === '') problems.push({ path: [...at, 'query', index, 'name'], message: 'Enter a parameter name.' })
    templateProblems(parameter.value, earlier, [...at, 'query', index, 'value'], problems)
  })
  if (step.body !== null) {
    if (new TextEncoder().encode(step.body).length > MAX_BODY_TEMPLATE_BYTES)
      problems.push({ path: [...at, 'body'], message: 'Keep the body under 64 KB.' })
    else templateProblems(step.body, earlier, [...at, 'body'], problems)
  }
}

/** Every problem of a version's steps. */
export function actionStepProblems(steps: readonly ActionStep[]): StepProblem[] {
  const problems: StepProblem[] = []
  if (steps.length > MAX_ACTION_STEPS)
    problems.push({ path: [], message: `An automation can have at most ${MAX_ACTION_STEPS} action steps.` })
  const earlier = new Set<string>()
  steps.forEach((step, index) => {
    const at = [index]
    if (earlier.has(step.id)) problems.push({ path: [...at, 'id'], message: `Two steps have the id ${step.id}.` })
    switch (step.connector) {
      case 'http':
        httpProblems(step, earlier, at, problems)
        break
      case 'bigcommerce':
        if (step.accountId.trim() === '') problems.push({ path: [...at, 'accountId'], message: 'Choose an account or add a new one.' })
        for (const name of GET_ACTION_IDS[step.action]) {
          const template = step.ids[name] ?? ''
          if (template.trim() === '')
            problems.push({ path: [...at, 'ids', name], message: `Enter the ${name}, or refer to one with {{…}}.` })
          else templateProblems(template, earlier, [...at, 'ids', name], problems)
        }
        break
      case 'filter':
        if (step.conditions.length === 0) problems.push({ path: [...at, 'conditions'], message: 'Add a condition.' })
        if (step.conditions.length > MAX_CONDITIONS)
          problems.push({ path: [...at, 'conditions'], message: `At most ${MAX_CONDITIONS} conditions.` })
        step.conditions.forEach((condition, conditionIndex) => {
          const here = [...at, 'conditions', conditionIndex]
          const parts = templateProblems(condition.reference, earlier, [...here, 'reference'], problems)
          const references = parts.filter((part) => part.kind === 'reference')
          const text = parts.filter((part) => part.kind === 'text' && part.text.trim() !== '')
          if (parts.length > 0 && (references.length !== 1 || text.length > 0)) {
            problems.push({ path: [...here, 'reference'], message: 'Pick one field to compare, such as {{trigger.data.id}}.' })
          }
          if (condition.operator !== 'exists') templateProblems(condition.value, earlier, [...here, 'value'], problems)
        })
        break
    }
    earlier.add(step.id)
  })
  return problems
}

/** A saved version's steps: complete, each problem at its field. */
export const actionStepsSchema = z.array(actionStepSchema).check(
  z.superRefine((steps, ctx) => {
    for (const problem of actionStepProblems(steps))
      ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path, input: steps })
  }),
)
