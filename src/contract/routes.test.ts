import { describe, expect, it } from 'vitest'
import { apiPaths, pathFor } from './routes'

describe('pathFor', () => {
  it('fills each parameter, percent-encoded', () => {
    expect(pathFor(apiPaths.runRetry, { automationId: 'a/b', runId: 'r 1' })).toBe('/api/automations/a%2Fb/runs/r%201/retry')
  })
})
