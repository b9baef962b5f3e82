// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { jsonLogger } from './log'

describe('jsonLogger', () => {
  it('writes one JSON object per line, info to stdout and errors to stderr', () => {
    const out: string[] = []
    const err: string[] = []
    const logger = jsonLogger({ out: (line) => out.push(line), err: (line) => err.push(line) }, () => new Date('2031-07-15T10:30:00Z'))
    logger.info('request', { requestId: 'r-1', status: 200 })
    logger.error('Reconciler failed', { reason: 'schedule' })
    expect(out.map((line) => JSON.parse(line))).toEqual([
      { time: '2031-07-15T10:30:00.000Z', level: 'info', msg: 'request', requestId: 'r-1', status: 200 },
    ])
    expect(err.map((line) => JSON.parse(line))).toEqual([
      { time: '2031-07-15T10:30:00.000Z', level: 'error', msg: 'Reconciler failed', reason: 'schedule' },
    ])
  })
})
