import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { messageIdOf, newSigningSecret, signatureHeaders } from './step-signature'

describe('signatureHeaders', () => {
  it('signs so that a Standard Webhooks library verifies it, with either secret during a rotation', () => {
    const current = newSigningSecret()
    const previous = newSigningSecret()
    expect(current).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const at = new Date()
    const body = JSON.stringify({ name: 'Say "hi"' })
    const headers = signatureHeaders([current, previous], messageIdOf('run1', 'step1'), at, body)
    expect(headers['webhook-id']).toBe('msg_run1_step1')
    expect(headers['webhook-signature']?.split(' ')).toHaveLength(2)
    for (const secret of [current, previous]) expect(new Webhook(secret).verify(body, headers)).toEqual({ name: 'Say "hi"' })
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow('No matching signature found')
  })

  it('refuses to send unsigned', () => {
    expect(() => signatureHeaders([], 'msg', new Date(), '')).toThrow(/needs a signing secret/)
  })
})
