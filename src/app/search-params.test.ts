import { describe, expect, it } from 'vitest'
import { parseAccountsSearch, parseAutomationSearch, parseTriggerPageSearch, parseTriggerStepSearch, sectionOf } from './search-params'

describe('search params', () => {
  it('keeps the places the app knows', () => {
    expect(parseTriggerStepSearch({ tab: 'test', output: 'resource', view: 'schema', replay: 'd-1' })).toEqual({
      tab: 'test',
      output: 'resource',
      view: 'schema',
      replay: 'd-1',
    })
    // The router reads `?delivery=42` as the number 42.
    expect(parseTriggerPageSearch({ delivery: 42 })).toMatchObject({ delivery: '42' })
    expect(parseAutomationSearch({ dialog: 'authorize' })).toEqual({ dialog: 'authorize' })
    expect(parseAutomationSearch({ dialog: 'revert' })).toEqual({ dialog: 'revert' })
    expect(parseTriggerPageSearch({ from: 1, to: '3', restore: 2 })).toEqual({
      section: undefined,
      from: 1,
      to: 3,
      restore: 2,
      delivery: undefined,
    })
    expect(parseTriggerPageSearch({ section: 'fields' })).toMatchObject({ section: 'fields' })
    expect(parseAccountsSearch({ account: 'a1', action: 'token' })).toEqual({ account: 'a1', action: 'token' })
  })

  it('unsets anything else, so an edited or outdated address opens the page at its default', () => {
    expect(parseTriggerStepSearch({ tab: 'nonsense', output: 7, view: ['tree'], replay: '<script>' })).toEqual({
      tab: undefined,
      output: undefined,
      view: undefined,
      replay: undefined,
    })
    expect(parseTriggerPageSearch({ delivery: '' })).toMatchObject({ delivery: undefined })
    expect(parseAutomationSearch({ dialog: 'delete-everything' })).toEqual({ dialog: undefined })
    expect(parseTriggerPageSearch({ section: 'everything', from: 0, to: 1.5, restore: 'latest' })).toEqual({
      section: undefined,
      from: undefined,
      to: undefined,
      restore: undefined,
      delivery: undefined,
    })
    expect(parseAccountsSearch({ account: 'a1', action: 'wipe' })).toEqual({ account: undefined, action: undefined })
    expect(parseAccountsSearch({ action: 'rename' })).toEqual({ account: undefined, action: undefined })
  })

  it('opens the tab a link names, or for a link from before the tabs the one that shows what it names', () => {
    expect(sectionOf({ section: 'fields', delivery: 'd-1' })).toBe('fields')
    expect(sectionOf({ from: 1, to: 3 })).toBe('versions')
    expect(sectionOf({ restore: 2 })).toBe('versions')
    expect(sectionOf({ delivery: 'd-1' })).toBe('deliveries')
    expect(sectionOf({})).toBe('deliveries')
  })
})
