import { describe, expect, it } from 'vitest'
import { renameAccountRequestSchema } from './accounts'
import { automationSchema, createAutomationRequestSchema } from './automations'
import { triggerConfigSchema, triggerDraftSchema, type TriggerDraft } from './trigger-config'
import { BackendError, errorBodySchema, errorCodeSchema, statusForCode } from './errors'

const complete: TriggerDraft = {
  stage: 'test',
  connector: 'bigcommerce',
  trigger: 'bigcommerce',
  accountId: 'acc-1',
  event: 'store/order/created',
  headers: [{ name: 'X-Tenant', value: 'acme' }],
}

describe('trigger drafts and configurations', () => {
  it('keeps an incomplete draft, with headers as typed', () => {
    const draft: TriggerDraft = {
      ...complete,
      stage: 'configureTrigger',
      accountId: null,
      event: null,
      headers: [{ name: 'Bad Name', value: '' }],
    }
    expect(triggerDraftSchema.parse(draft)).toEqual(draft)
  })

  it('takes a complete draft as a configuration', () => {
    expect(triggerConfigSchema.safeParse(complete).success).toBe(true)
  })

  it('refuses as a configuration a draft without an event, or with a bad header, naming the field', () => {
    const paths = (draft: TriggerDraft) => triggerConfigSchema.safeParse(draft).error?.issues.map((issue) => issue.path.join('.'))
    expect(paths({ ...complete, event: null })).toEqual(['event'])
    expect(paths({ ...complete, headers: [{ name: 'Content-Type', value: 'x' }] })).toEqual(['headers.0.name'])
  })

  it('refuses an event outside the six', () => {
    expect(triggerDraftSchema.safeParse({ ...complete, event: 'store/order/updated' }).success).toBe(false)
  })

  it('has no place for an access token in what the UI receives', () => {
    const automation = {
      id: 'a1',
      name: 'New orders',
      createdAt: '2026-11-26T00:00:00.000Z',
      updatedAt: '2026-11-26T00:00:00.000Z',
      trigger: { id: 't1', draft: complete, saved: null, differsFromSaved: false },
      accessToken: 'q8w2e4r6t1y3u5i7o9p0a2s4d6f8g1h',
    }
    expect(JSON.stringify(automationSchema.parse(automation))).not.toContain('q8w2e4r6')
  })
})

describe('the one error shape', () => {
  it('gives every code an HTTP status and a body with the field to blame', () => {
    for (const code of errorCodeSchema.options) expect(statusForCode(code)).toBeGreaterThanOrEqual(400)
    const error = new BackendError('validation_failed', 'Enter the Store Hash.', { field: 'storeHash' })
    expect(error.status).toBe(422)
    expect(errorBodySchema.parse(error.toBody())).toEqual({
      error: { code: 'validation_failed', message: 'Enter the Store Hash.', field: 'storeHash' },
    })
  })

  it('leaves the field out when no field is to blame', () => {
    expect(new BackendError('upstream_error', 'BigCommerce could not be reached.').toBody()).toEqual({
      error: { code: 'upstream_error', message: 'BigCommerce could not be reached.' },
    })
  })
})

describe('names a user gives', () => {
  const problems = (name: string) => [
    renameAccountRequestSchema.safeParse({ name }).error?.issues.map((issue) => [issue.path.join('.'), issue.message]),
    createAutomationRequestSchema.safeParse({ name }).error?.issues.map((issue) => [issue.path.join('.'), issue.message]),
  ]

  it.each([
    ['a bell', 'bell\u0007name'],
    ['an escape', 'esc\u001b[31mred'],
    ['a line break', 'two\r\nlines'],
    ['a tab inside', 'tab\tbed'],
    ['a delete', 'del\u007f'],
    ['U+0001', '\u0001start'],
    ['a C1 control (NEL)', 'next\u0085line'],
    ['a line separator', 'line\u2028separator'],
  ])('refuses one with %s, at the field', (_what, name) => {
    const refused = ['name', 'A name cannot hold control characters, such as a tab or a line break.']
    expect(problems(name)).toEqual([[refused], [refused]])
  })

  it('takes letters of any script, symbols and emoji, and trims spaces, tabs and line breaks around it', () => {
    for (const name of ['Zoë’s shop — 東京 🚀', '  Main shop\t\n']) {
      expect(renameAccountRequestSchema.parse({ name })).toEqual({ name: name.trim() })
      expect(createAutomationRequestSchema.parse({ name })).toEqual({ name: name.trim() })
    }
  })
})
