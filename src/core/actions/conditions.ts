import type { Condition, OnlyContinueIfStep } from '../../contract/actions'
import {
  parseTemplate,
  renderTemplate,
  resolveReference,
  textOf,
  UnresolvedReference,
  type ReferenceContext,
} from '../../contract/references'

/** Words for each operator, as the step's form and a filtered run's message say them. */
export const OPERATOR_WORDS: Record<Condition['operator'], string> = {
  equals: 'equals',
  not_equals: 'does not equal',
  contains: 'contains',
  greater_than: 'is greater than',
  less_than: 'is less than',
  exists: 'exists',
}

export type ConditionResult = { holds: boolean; description: string }

/** The left side's one reference: `{{steps.k3f9.status_id}}`, braces and all. */
function leftValue(condition: Condition, context: ReferenceContext): { value: unknown; present: boolean; text: string } {
  const parts = parseTemplate(condition.reference).filter((part) => part.kind === 'reference')
  const [part] = parts
  if (!part || parts.length !== 1)
    throw new UnresolvedReference(
      condition.reference,
      `A condition compares one reference, such as {{trigger.data.id}}; "${condition.reference}" is not one.`,
    )
  try {
    return { value: resolveReference(part, context), present: true, text: part.text }
  } catch (error) {
    if (error instanceof UnresolvedReference) return { value: undefined, present: false, text: part.text }
    throw error
  }
}

/** A number when both sides read as one (`"11"` and `11` compare as numbers), else null. */
function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value !== 'string' || value.trim() === '') return null
  const number = Number(value)
  return Number.isFinite(number) ? number : null
}

function equal(left: unknown, right: string): boolean {
  const leftNumber = asNumber(left)
  const rightNumber = asNumber(right)
  if (leftNumber !== null && rightNumber !== null) return leftNumber === rightNumber
  if (typeof left === 'boolean') return String(left) === right.trim().toLowerCase()
  return textOf(left) === right
}

/**
 * One condition on this run's data. A missing left side fails every operator but
 * `not_equals` (nothing is not the value), and `exists` says whether it is there at all.
 */
export function evaluateCondition(condition: Condition, context: ReferenceContext): ConditionResult {
  const left = leftValue(condition, context)
  const right = condition.operator === 'exists' ? '' : renderTemplate(condition.value, context, 'text')
  const shown = left.present ? textOf(left.value) : 'missing'
  const description =
    condition.operator === 'exists'
      ? `{{${left.text}}} ${left.present ? 'exists' : 'does not exist'}`
      : `{{${left.text}}} (${shown}) ${OPERATOR_WORDS[condition.operator]} ${JSON.stringify(right)}`
  let holds: boolean
  switch (condition.operator) {
    case 'exists':
      holds = left.present && left.value !== null
      break
    case 'equals':
      holds = left.present && equal(left.value, right)
      break
    case 'not_equals':
      holds = !left.present || !equal(left.value, right)
      break
    case 'contains':
      holds =
        left.present && (Array.isArray(left.value) ? left.value.some((item) => equal(item, right)) : textOf(left.value).includes(right))
      break
    case 'greater_than':
    case 'less_than': {
      const a = asNumber(left.value)
      const b = asNumber(right)
      holds =
        left.present &&
        (a !== null && b !== null
          ? condition.operator === 'greater_than'
            ? a > b
            : a < b
          : condition.operator === 'greater_than'
            ? textOf(left.value) > right
            : textOf(left.value) < right)
      break
    }
  }
  return { holds, description }
}

/** Whether the run goes on; when it does not, the condition that stopped it, in words. */
export function evaluateOnlyContinueIf(
  step: Pick<OnlyContinueIfStep, 'match' | 'conditions'>,
  context: ReferenceContext,
): { proceed: boolean; reason: string } {
  const results = step.conditions.map((condition) => evaluateCondition(condition, context))
  if (step.match === 'all') {
    const failed = results.find((result) => !result.holds)
    return failed
      ? { proceed: false, reason: `Filtered out: not true that ${failed.description}.` }
      : { proceed: true, reason: results.map((r) => r.description).join('; ') }
  }
  const held = results.find((result) => result.holds)
  return held
    ? { proceed: true, reason: held.description }
    : { proceed: false, reason: `Filtered out: none of the conditions held (${results.map((result) => result.description).join('; ')}).` }
}
