import { describe, expect, it } from 'vitest'
import { actionStepProblems, actionStepsSchema } from './action-steps'
import type { ActionStep } from './actions'
import { defaultGetIds } from './actions'

const http = (overrides: Partial<Extract<ActionStep, { connector: 'http' }>> = {}): ActionStep => ({
  id: 'send1',
  connector: 'http',
  action: 'http_request',
  url: 'https://hooks.example.com/in',
  method: 'POST',
  headers: [],
  query: [],
  body: null,
  maxInFlight: 10,
  keepOrderPerRecord: false,
  ...overrides,
})
const get: ActionStep = {
  id: 'getp1',
  connector: 'bigcommerce',
  action: 'get_product',
  accountId: 'acc1',
  ids: { productId: '{{trigger.data.id}}' },
  keepOrderPerRecord: false,
}
const messages = (steps: ActionStep[]) => actionStepProblems(steps).map((problem) => [problem.path.join('.'), problem.message])

describe('actionStepProblems', () => {
  it('takes complete steps that refer to earlier ones', () => {
    expect(messages([get, http({ url: 'https://h.example.com/{{steps.getp1.name}}', body: '{"a": {{steps.getp1.id}}}' })])).toEqual([])
  })

  it('names the field of each problem', () => {
    expect(
      messages([
        http({
          url: '{{trigger.data.id}}/x',
          headers: [
            { name: 'Bad Name', value: 'x', secret: false, secretId: null },
            { name: 'webhook-id', value: 'x', secret: false, secretId: null },
            { name: 'X-Key', value: null, secret: true, secretId: null },
          ],
          query: [{ name: '', value: '{{steps.later1.id}}' }],
          body: '{"a": {{oops}}}',
        }),
      ]),
    ).toEqual([
      ['0.url', 'A URL starts with http:// or https:// and a host written out (a reference can come after it).'],
      ['0.headers.0.name', "A header name may use only letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ (no spaces or colons)."],
      ['0.headers.1.name', 'webhook-id is set by the HTTP stack or the signature, so it cannot be set here.'],
      ['0.headers.2.value', 'Enter the secret value.'],
      ['0.query.0.name', 'Enter a parameter name.'],
      ['0.query.0.value', '{{steps.later1.id}} refers to step later1, which does not run before this one.'],
      ['0.body', '"oops" refers to nothing: a reference starts with trigger. or steps.<step id>.'],
    ])
  })

  it('refuses a reference to a step that runs later, and a line break in a header', () => {
    expect(messages([http({ url: 'https://h.example.com/{{steps.getp1.name}}' }), get])).toEqual([
      ['0.url', '{{steps.getp1.name}} refers to step getp1, which does not run before this one.'],
    ])
    expect(messages([http({ headers: [{ name: 'X-A', value: 'a\nb', secret: false, secretId: null }] })])).toEqual([
      ['0.headers.0.value', 'A header value cannot hold line breaks or other control characters.'],
    ])
  })

  it('wants a Get step’s ids and a filter’s one field', () => {
    expect(
      messages([
        { ...get, ids: { productId: ' ' } },
        {
          id: 'only1',
          connector: 'filter',
          action: 'only_continue_if',
          match: 'all',
          conditions: [{ reference: 'status {{trigger.data.id}}', operator: 'equals', value: '1' }],
        },
      ]),
    ).toEqual([
      ['0.ids.productId', 'Enter the productId, or refer to one with {{…}}.'],
      ['1.conditions.0.reference', 'Pick one field to compare, such as {{trigger.data.id}}.'],
    ])
  })

  it('is what the schema reports', () => {
    const parsed = actionStepsSchema.safeParse([http({ url: '' })])
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['0.url', 'Enter the URL to send the request to.'],
    ])
  })
})

describe('defaultGetIds', () => {
  it('points each Get at the record its event names', () => {
    expect(defaultGetIds('store/cart/converted', 'get_order')).toEqual({ orderId: '{{trigger.data.orderId}}' })
    expect(defaultGetIds('store/sku/created', 'get_sku')).toEqual({
      productId: '{{trigger.data.sku.product_id}}',
      variantId: '{{trigger.data.sku.variant_id}}',
    })
    expect(defaultGetIds('store/customer/created', 'get_product')).toEqual({ productId: '' })
  })
})
