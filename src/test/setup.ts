import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { format } from 'node:util'
import { afterEach, beforeEach, vi } from 'vitest'

/**
 * A console error or warning fails the test that caused it (epic-stack's setup-test-env habit),
 * as a console error fails an end-to-end test: a React warning is a bug that must not pass
 * unnoticed. A test that expects one replaces the spy with its own `vi.spyOn(console, 'error')`.
 */
let consoleProblems: string[] = []

// The first test of a file also pays for its imports and warm-up; on a shared, busy machine that
// can pass Testing Library's 1 s default, so a `findBy` waits longer before it gives up.
configure({ asyncUtilTimeout: 5000 })

beforeEach(() => {
  consoleProblems = []
  for (const level of ['error', 'warn'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      consoleProblems.push(`console.${level}: ${format(...args)}`)
    })
  }
})

afterEach(() => {
  cleanup()
  const problems = consoleProblems
  consoleProblems = []
  vi.restoreAllMocks()
  if (problems.length > 0) throw new Error(`The test wrote to the console:\n${problems.join('\n')}`)
})
