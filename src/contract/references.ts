/**
 * References in a step's text: `{{trigger.data.id}}`, `{{steps.k3f9.custom_fields[0].name}}`.
 * The path after `trigger` or `steps.<id>` is written as the output viewer copies it (a
 * JavaScript path: `a.b`, `a[0]`, `a["content-type"]`), so a path picked from Test Trigger's
 * output pastes straight in. Shared by the UI (to list and check references before Save) and
 * the core (to fill them in on every run), so both read a template alike.
 */

export type PathSegment = string | number

/** Where a reference points: the trigger's payload, or an earlier step's output. */
export type Reference = { source: 'trigger' } | { source: 'step'; stepId: string }

export type ParsedReference = { text: string; reference: Reference; path: PathSegment[] }

/** A piece of a template: literal text, or a reference (`text` is what stood between the braces). */
export type TemplatePart = { kind: 'text'; text: string; start: number } | ({ kind: 'reference'; start: number } & ParsedReference)

export class TemplateError extends Error {
  readonly start: number
  constructor(message: string, start: number) {
    super(message)
    this.name = 'TemplateError'
    this.start = start
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*/

/** `data.id`, `items[0]`, `headers["content-type"]` → segments; throws on anything else. */
export function parsePath(text: string): PathSegment[] {
  const segments: PathSegment[] = []
  let rest = text
  let first = true
  while (rest !== '') {
    if (rest.startsWith('[')) {
      const index = /^\[(\d{1,9})\]/.exec(rest)
      if (index?.[1] !== undefined) {
        segments.push(Number(index[1]))
        rest = rest.slice(index[0].length)
      } else {
        const quoted = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest)
        if (quoted?.[1] === undefined) throw new Error(`"${text}" is not a path: after [ comes a number or a "quoted" key.`)
        segments.push(String(JSON.parse(quoted[1])))
        rest = rest.slice(quoted[0].length)
      }
    } else {
      if (!first) {
        if (!rest.startsWith('.')) throw new Error(`"${text}" is not a path: keys are joined by dots.`)
        rest = rest.slice(1)
      }
      const key = IDENTIFIER.exec(rest)
      if (!key) throw new Error(`"${text}" is not a path: "${rest}" does not start with a key.`)
      segments.push(key[0])
      rest = rest.slice(key[0].length)
    }
    first = false
  }
  return segments
}

/** `trigger.data.id` or `steps.k3f9.name` (the braces left off). */
export function parseReference(text: string): ParsedReference {
  const trimmed = text.trim()
  const segments = parsePath(trimmed)
  const [head, second, ...rest] = segments
  if (head === 'trigger') return { text: trimmed, reference: { source: 'trigger' }, path: second === undefined ? [] : [second, ...rest] }
  if (head === 'steps' && typeof second === 'string') return { text: trimmed, reference: { source: 'step', stepId: second }, path: rest }
  throw new Error(`"${trimmed}" refers to nothing: a reference starts with trigger. or steps.<step id>.`)
}

/** The template as text and references, in order; throws `TemplateError` (with its position) on a bad one. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = []
  let index = 0
  while (index < template.length) {
    const open = template.indexOf('{{', index)
    if (open === -1) {
      parts.push({ kind: 'text', text: template.slice(index), start: index })
      break
    }
    if (open > index) parts.push({ kind: 'text', text: template.slice(index, open), start: index })
    const close = template.indexOf('}}', open + 2)
    if (close === -1) throw new TemplateError('A {{ is never closed with }}.', open)
    try {
      parts.push({ kind: 'reference', start: open, ...parseReference(template.slice(open + 2, close)) })
    } catch (error) {
      throw new TemplateError(error instanceof Error ? error.message : String(error), open)
    }
    index = close + 2
  }
  return parts
}

/** Every reference in the template; bad ones are left out (`parseTemplate` says why). */
export function referencesIn(template: string): ParsedReference[] {
  try {
    return parseTemplate(template).flatMap((part) => (part.kind === 'reference' ? [part] : []))
  } catch {
    return []
  }
}

/** How a reference is written for a path: what the UI inserts when a user picks a field. */
export function formatReference(reference: Reference, path: readonly PathSegment[]): string {
  let text = reference.source === 'trigger' ? 'trigger' : `steps.${reference.stepId}`
  for (const segment of path) {
    text +=
      typeof segment === 'number'
        ? `[${segment}]`
        : IDENTIFIER.exec(segment)?.[0] === segment
          ? `.${segment}`
          : `[${JSON.stringify(segment)}]`
  }
  return `{{${text}}}`
}

/** The value at `path`, or undefined when the path is not there. */
export function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let current = value
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined
      current = current[segment]
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, segment)) return undefined
      current = (current as Record<string, unknown>)[segment]
    }
  }
  return current
}

/** What references read: the trigger's payload and the outputs of the steps run so far, by id. */
export type ReferenceContext = { trigger: unknown; steps: Readonly<Record<string, unknown>> }

/** Thrown when a reference's value is not there, or does not fit where it goes. */
export class UnresolvedReference extends Error {
  readonly reference: string
  constructor(reference: string, message: string) {
    super(message)
    this.name = 'UnresolvedReference'
    this.reference = reference
  }
}

export function resolveReference(parsed: ParsedReference, context: ReferenceContext): unknown {
  const root = parsed.reference.source === 'trigger' ? context.trigger : context.steps[parsed.reference.stepId]
  if (parsed.reference.source === 'step' && !Object.hasOwn(context.steps, parsed.reference.stepId)) {
    throw new UnresolvedReference(
      parsed.text,
      `{{${parsed.text}}} refers to step ${parsed.reference.stepId}, which has not run before this one.`,
    )
  }
  const value = valueAt(root, parsed.path)
  if (value === undefined) throw new UnresolvedReference(parsed.text, `{{${parsed.text}}} is not in this run's data.`)
  return value
}

/** A value as text: strings as they are, everything else as JSON writes it. */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/**
 * Where a filled-in value goes decides how it is written:
 * - `text`: as text (a header value, a query parameter before the URL encodes it, a condition);
 * - `url`: percent-encoded, so a value cannot add a path segment, a query or a fragment;
 * - `json`: a JSON template. Inside a string literal the value's text is escaped into it; in
 *   place of a value it is the value's own JSON (a number stays a number, a name with quotes
 *   stays one string), so the body is valid JSON whatever the data holds.
 */
export type RenderMode = 'text' | 'url' | 'json'

export function renderTemplate(template: string, context: ReferenceContext, mode: RenderMode): string {
  const parts = parseTemplate(template)
  let out = ''
  let inString = false
  for (const part of parts) {
    if (part.kind === 'text') {
      if (mode === 'json') inString = stringStateAfter(part.text, inString)
      out += part.text
      continue
    }
    const value = resolveReference(part, context)
    if (mode === 'url') out += encodeURIComponent(textOf(value))
    else if (mode === 'json') out += inString ? JSON.stringify(textOf(value)).slice(1, -1) : JSON.stringify(value)
    else out += textOf(value)
  }
  return out
}

/** Whether JSON text that starts inside (or outside) a string literal ends inside one. */
function stringStateAfter(text: string, inString: boolean): boolean {
  let inside = inString
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (inside && char === '\\') index += 1
    else if (char === '"') inside = !inside
  }
  return inside
}
