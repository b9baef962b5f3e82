import { describe, expect, it } from 'vitest'
import {
  formatReference,
  parsePath,
  parseReference,
  parseTemplate,
  referencesIn,
  renderTemplate,
  TemplateError,
  UnresolvedReference,
  valueAt,
} from './references'

const context = {
  trigger: { scope: 'store/product/created', data: { type: 'product', id: 125 }, hash: 'abc' },
  steps: {
    getp1234: { name: 'Say "hi" \\ Co', price: 12.5, tags: ['a', 'b'], 'content-type': 'x', custom: { 'a b': true } },
  },
}

describe('parsePath', () => {
  it('reads paths as the output viewer copies them', () => {
    expect(parsePath('data.id')).toEqual(['data', 'id'])
    expect(parsePath('items[0].name')).toEqual(['items', 0, 'name'])
    expect(parsePath('headers["content-type"]')).toEqual(['headers', 'content-type'])
    expect(parsePath('a["say \\"x\\""][2]')).toEqual(['a', 'say "x"', 2])
  })

  it('refuses what is not a path', () => {
    expect(() => parsePath('data..id')).toThrow(/does not start with a key/)
    expect(() => parsePath('data[x]')).toThrow(/a number or a "quoted" key/)
    expect(() => parsePath('data id')).toThrow(/joined by dots/)
  })
})

describe('parseReference', () => {
  it('tells the trigger from a step', () => {
    expect(parseReference(' trigger.data.id ')).toEqual({ text: 'trigger.data.id', reference: { source: 'trigger' }, path: ['data', 'id'] })
    expect(parseReference('steps.getp1234.tags[1]')).toEqual({
      text: 'steps.getp1234.tags[1]',
      reference: { source: 'step', stepId: 'getp1234' },
      path: ['tags', 1],
    })
  })

  it('refuses a reference to anything else', () => {
    expect(() => parseReference('delivery.id')).toThrow(/starts with trigger\. or steps\./)
  })
})

describe('parseTemplate', () => {
  it('splits text and references, with where each starts', () => {
    expect(parseTemplate('Hi {{trigger.data.id}}!')).toEqual([
      { kind: 'text', text: 'Hi ', start: 0 },
      { kind: 'reference', start: 3, text: 'trigger.data.id', reference: { source: 'trigger' }, path: ['data', 'id'] },
      { kind: 'text', text: '!', start: 22 },
    ])
  })

  it('says where a bad reference is', () => {
    expect(() => parseTemplate('ok {{trigger.data.id')).toThrow(TemplateError)
    expect(() => parseTemplate('ok {{nothing}} then')).toThrow(expect.objectContaining({ name: 'TemplateError', start: 3 }))
    expect(referencesIn('a {{bad}} b')).toEqual([])
  })
})

describe('formatReference', () => {
  it('writes the path back as the parser reads it', () => {
    const path = ['custom', 'a b', 0, 'id'] as const
    const text = formatReference({ source: 'step', stepId: 'getp1234' }, path)
    expect(text).toBe('{{steps.getp1234.custom["a b"][0].id}}')
    expect(parseReference(text.slice(2, -2)).path).toEqual(path)
  })
})

describe('valueAt', () => {
  it('finds own keys and array items only', () => {
    expect(valueAt(context.trigger, ['data', 'id'])).toBe(125)
    expect(valueAt(context.steps.getp1234, ['tags', 1])).toBe('b')
    expect(valueAt(context.steps.getp1234, ['tags', 'length'])).toBeUndefined()
    expect(valueAt({}, ['constructor'])).toBeUndefined()
  })
})

describe('renderTemplate', () => {
  it('puts a typed value in place of a JSON value, and escaped text inside a string', () => {
    const body = renderTemplate(
      '{"id": {{trigger.data.id}}, "name": {{steps.getp1234.name}}, "title": "Product: {{steps.getp1234.name}}", "tags": {{steps.getp1234.tags}}}',
      context,
      'json',
    )
    expect(JSON.parse(body)).toEqual({ id: 125, name: 'Say "hi" \\ Co', title: 'Product: Say "hi" \\ Co', tags: ['a', 'b'] })
  })

  it('is not fooled by quotes and escapes already in the template', () => {
    const body = renderTemplate('{"a": "x\\" {{trigger.data.id}}", "b": {{trigger.data.id}}}', context, 'json')
    expect(JSON.parse(body)).toEqual({ a: 'x" 125', b: 125 })
  })

  it('percent-encodes values in a URL, so they cannot add a path or a query', () => {
    expect(renderTemplate('https://example.com/p/{{steps.getp1234.name}}?q=1', context, 'url')).toBe(
      'https://example.com/p/Say%20%22hi%22%20%5C%20Co?q=1',
    )
  })

  it('writes values as text for headers and conditions', () => {
    expect(renderTemplate('id={{trigger.data.id}} {{steps.getp1234.tags}}', context, 'text')).toBe('id=125 ["a","b"]')
  })

  it('names the reference that is not there', () => {
    expect(() => renderTemplate('{{trigger.data.nope}}', context, 'text')).toThrow(UnresolvedReference)
    expect(() => renderTemplate('{{steps.other123.id}}', context, 'text')).toThrow(/has not run before this one/)
  })
})
