import { describe, expect, it } from 'vitest'
import type { Condition } from '../../contract/actions'
import { evaluateCondition, evaluateOnlyContinueIf } from './conditions'

const context = {
  trigger: { data: { type: 'order', id: 9 } },
  steps: { geto1234: { status_id: 11, status: 'Awaiting Fulfillment', total_inc_tax: '25.5000', tags: ['gift', 'rush'], coupon: null } },
}
const holds = (reference: string, operator: Condition['operator'], value = '') =>
  evaluateCondition({ reference, operator, value }, context).holds

describe('evaluateCondition', () => {
  it('compares numbers as numbers, whichever side is text', () => {
    expect(holds('{{steps.geto1234.status_id}}', 'equals', '11')).toBe(true)
    expect(holds('{{steps.geto1234.status_id}}', 'equals', '11.0')).toBe(true)
    expect(holds('{{steps.geto1234.total_inc_tax}}', 'greater_than', '25')).toBe(true)
    expect(holds('{{steps.geto1234.total_inc_tax}}', 'less_than', '9')).toBe(false)
    expect(holds('{{steps.geto1234.status_id}}', 'not_equals', '10')).toBe(true)
  })

  it('reads text, lists and references on the right', () => {
    expect(holds('{{steps.geto1234.status}}', 'contains', 'Fulfil')).toBe(true)
    expect(holds('{{steps.geto1234.tags}}', 'contains', 'rush')).toBe(true)
    expect(holds('{{steps.geto1234.tags}}', 'contains', 'ru')).toBe(false)
    expect(holds('{{trigger.data.id}}', 'equals', '{{trigger.data.id}}')).toBe(true)
  })

  it('treats a missing value as not there', () => {
    expect(holds('{{steps.geto1234.nope}}', 'exists')).toBe(false)
    expect(holds('{{steps.geto1234.coupon}}', 'exists')).toBe(false)
    expect(holds('{{steps.geto1234.status}}', 'exists')).toBe(true)
    expect(holds('{{steps.geto1234.nope}}', 'equals', '')).toBe(false)
    expect(holds('{{steps.geto1234.nope}}', 'not_equals', '1')).toBe(true)
  })

  it('says what it compared', () => {
    expect(evaluateCondition({ reference: '{{steps.geto1234.status_id}}', operator: 'equals', value: '10' }, context).description).toBe(
      '{{steps.geto1234.status_id}} (11) equals "10"',
    )
  })

  it('takes one reference on the left, no more', () => {
    expect(() => holds('status', 'exists')).toThrow(/compares one reference/)
  })
})

describe('evaluateOnlyContinueIf', () => {
  it('stops at the first condition that fails, naming it', () => {
    const result = evaluateOnlyContinueIf(
      {
        match: 'all',
        conditions: [
          { reference: '{{trigger.data.id}}', operator: 'exists', value: '' },
          { reference: '{{steps.geto1234.status_id}}', operator: 'equals', value: '10' },
        ],
      },
      context,
    )
    expect(result).toEqual({ proceed: false, reason: 'Filtered out: not true that {{steps.geto1234.status_id}} (11) equals "10".' })
  })

  it('goes on when any holds, with match any', () => {
    const conditions: Condition[] = [
      { reference: '{{steps.geto1234.status_id}}', operator: 'equals', value: '10' },
      { reference: '{{steps.geto1234.status_id}}', operator: 'equals', value: '11' },
    ]
    expect(evaluateOnlyContinueIf({ match: 'any', conditions }, context).proceed).toBe(true)
    expect(evaluateOnlyContinueIf({ match: 'any', conditions: conditions.slice(0, 1) }, context).reason).toMatch(
      /none of the conditions held/,
    )
  })
})
