import { describe, expect, it } from 'vitest'
import { parseAccountsSearch, parseAutomationSearch, parseTriggerPageSearch, parseTriggerStepSearch } from './search-params'

describe('search params', () => {
  it('keeps the places the app knows', () => {
    expect(parseTriggerStepSearch({ tab: 'test', output: 'resource', view: 'schema' })).toEqual({
      tab: 'test',
      output: 'resource',
      view: 'schema',
    })
    expect(parseAutomationSearch({ dialog: 'authorize' })).toEqual({ dialog: 'authorize' })
    expect(parseAutomationSearch({ dialog: 'revert' })).toEqual({ dialog: 'revert' })
    expect(parseTriggerPageSearch({ from: 1, to: '3', restore: 2 })).toEqual({ from: 1, to: 3, restore: 2 })
    expect(parseAccountsSearch({ account: 'a1', action: 'token' })).toEqual({ account: 'a1', action: 'token' })
  })

  it('unsets anything else, so an edited or outdated address opens the page at its default', () => {
    expect(parseTriggerStepSearch({ tab: 'nonsense', output: 7, view: ['tree'] })).toEqual({
      tab: undefined,
      output: undefined,
      view: undefined,
    })
    expect(parseAutomationSearch({ dialog: 'delete-everything' })).toEqual({ dialog: undefined })
    expect(parseTriggerPageSearch({ from: 0, to: 1.5, restore: 'latest' })).toEqual({ from: undefined, to: undefined, restore: undefined })
    expect(parseAccountsSearch({ account: 'a1', action: 'wipe' })).toEqual({ account: undefined, action: undefined })
    expect(parseAccountsSearch({ action: 'rename' })).toEqual({ account: undefined, action: undefined })
  })
})
