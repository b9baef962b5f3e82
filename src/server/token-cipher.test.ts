// @vitest-environment node
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createTokenCipher } from './token-cipher'

const cipher = createTokenCipher(randomBytes(32))

function flipLastChar(base64: string): string {
  const bytes = Buffer.from(base64, 'base64')
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1
  return bytes.toString('base64')
}

describe('createTokenCipher', () => {
  it('opens what it sealed, with a fresh IV each time', () => {
    const a = cipher.seal('token-1234', 'acc_1')
    const b = cipher.seal('token-1234', 'acc_1')
    expect(a).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/)
    expect(a).not.toBe(b)
    expect(a).not.toContain('token-1234')
    expect(cipher.open(a, 'acc_1')).toBe('token-1234')
    expect(cipher.open(b, 'acc_1')).toBe('token-1234')
  })

  it('fails loudly on a changed ciphertext, tag, context or key', () => {
    const sealed = cipher.seal('token-1234', 'acc_1')
    const [version, iv, tag, data] = sealed.split(':') as [string, string, string, string]
    expect(() => cipher.open([version, iv, tag, flipLastChar(data)].join(':'), 'acc_1')).toThrow(/integrity check/)
    expect(() => cipher.open([version, iv, flipLastChar(tag), data].join(':'), 'acc_1')).toThrow(/integrity check/)
    expect(() => cipher.open([version, iv, tag.slice(0, 8), data].join(':'), 'acc_1')).toThrow(/malformed/)
    expect(() => cipher.open(sealed, 'acc_2')).toThrow(/integrity check/)
    expect(() => createTokenCipher(randomBytes(32)).open(sealed, 'acc_1')).toThrow(/integrity check/)
    expect(() => cipher.open('token-1234', 'acc_1')).toThrow(/format/)
  })

  it('refuses a key of the wrong length', () => {
    expect(() => createTokenCipher(randomBytes(16))).toThrow(/32-byte/)
  })
})
