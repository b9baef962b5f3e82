import { describe, expect, it } from 'vitest'
import { parseAutomationSearch, parseTriggerPageSearch, parseTriggerStepSearch } from './search-params'

describe('search params', () => {
  it('keeps the places the app knows', () => {
    expect(parseTriggerStepSearch({ tab: 'test', output: 'resource', view: 'schema', replay: 'd-1' })).toEqual({
      tab: 'test',
      output: 'resource',
      view: 'schema',
      replay: 'd-1',
    })
    // The router reads `?delivery=42` as the number 42.
    expect(parseTriggerPageSearch({ delivery: 42 })).toEqual({ delivery: '42' })
    expect(parseAutomationSearch({ dialog: 'authorize' })).toEqual({ dialog: 'authorize' })
  })

  it('unsets anything else, so an edited or outdated address opens the page at its default', () => {
    expect(parseTriggerStepSearch({ tab: 'nonsense', output: 7, view: ['tree'], replay: '<script>' })).toEqual({
      tab: undefined,
      output: undefined,
      view: undefined,
      replay: undefined,
    })
    expect(parseTriggerPageSearch({ delivery: '' })).toEqual({ delivery: undefined })
    expect(parseAutomationSearch({ dialog: 'delete-everything' })).toEqual({ dialog: undefined })
  })
})
