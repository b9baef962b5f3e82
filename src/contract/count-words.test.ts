import { describe, expect, it } from 'vitest'
import { countOf, pluralForm } from './count-words'

const DELIVERY = { one: 'delivery', other: 'deliveries' }

describe('countOf', () => {
  it('takes the singular for one only, as English does', () => {
    expect([0, 1, 2, 21].map((count) => countOf(count, DELIVERY))).toEqual(['0 deliveries', '1 delivery', '2 deliveries', '21 deliveries'])
    expect(countOf(1.5, DELIVERY)).toBe('1.5 deliveries')
  })

  it('writes large numbers as English does, and none in the words given', () => {
    expect(countOf(12_500, DELIVERY)).toBe('12,500 deliveries')
    expect(countOf(0, DELIVERY, { zero: 'No deliveries' })).toBe('No deliveries')
    expect(countOf(1, DELIVERY, { zero: 'No deliveries' })).toBe('1 delivery')
  })
})

describe('pluralForm', () => {
  it('gives the form alone, for a verb or a phrase that follows the count', () => {
    expect(pluralForm(1, { one: 'matches', other: 'match' })).toBe('matches')
    expect(pluralForm(3, { one: 'matches', other: 'match' })).toBe('match')
  })
})
