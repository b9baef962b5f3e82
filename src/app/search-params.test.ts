import { describe, expect, it } from 'vitest'
import { parseAutomationSearch, parseTriggerStepSearch } from './search-params'

describe('search params', () => {
  it('keeps the places the app knows', () => {
    expect(parseTriggerStepSearch({ tab: 'test', output: 'resource', view: 'schema' })).toEqual({
      tab: 'test',
      output: 'resource',
      view: 'schema',
    })
    expect(parseAutomationSearch({ dialog: 'authorize' })).toEqual({ dialog: 'authorize' })
  })

  it('unsets anything else, so an edited or outdated address opens the page at its default', () => {
    expect(parseTriggerStepSearch({ tab: 'nonsense', output: 7, view: ['tree'] })).toEqual({
      tab: undefined,
      output: undefined,
      view: undefined,
    })
    expect(parseAutomationSearch({ dialog: 'delete-everything' })).toEqual({ dialog: undefined })
  })
})
