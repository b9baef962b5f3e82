import { describe, expect, it } from 'vitest'
import { normalizeStoreHash, storeHashProblem } from './store-hash'

describe('normalizeStoreHash', () => {
  it.each([
    ['abc123', 'abc123'],
    ['  ABC123  ', 'abc123'],
    ['https://api.bigcommerce.com/stores/demostore1/v3/', 'demostore1'],
    ['https://api.bigcommerce.com/stores/demostore1/v2', 'demostore1'],
    ['api.bigcommerce.com/stores/demostore1', 'demostore1'],
    ['stores/demostore1', 'demostore1'],
    ['store-demostore1', 'demostore1'],
    ['https://store-demostore1.mybigcommerce.com/manage/dashboard', 'demostore1'],
    ['store-demostore1.mybigcommerce.com', 'demostore1'],
  ])('takes %j as the hash %j', (input, hash) => {
    expect(normalizeStoreHash(input)).toBe(hash)
    expect(storeHashProblem(normalizeStoreHash(input))).toBeUndefined()
  })

  it('asks for a hash when there is none', () => {
    expect(storeHashProblem(normalizeStoreHash('   '))).toBe('Enter the Store Hash.')
  })

  it.each(['abc', 'abc_123', 'my store', 'a'.repeat(17), 'https://example.com/shop'])('refuses %j with the expected form', (input) => {
    expect(storeHashProblem(normalizeStoreHash(input))).toMatch(/^A Store Hash is 4 to 16 lowercase letters and digits/)
  })
})
