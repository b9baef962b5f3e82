import { createContext, useContext } from 'react'
import type { Automation } from '../contract/automations'
import type { DraftWriter } from '../backend/draft-writer'

/** The open automation and its one draft writer, for the step its page shows. */
export type OpenAutomation = { automation: Automation; writer: DraftWriter }

export const OpenAutomationContext = createContext<OpenAutomation | null>(null)

export function useOpenAutomation(): OpenAutomation {
  const open = useContext(OpenAutomationContext)
  // Only the automation page renders its steps, so a missing provider is a wiring bug.
  if (!open) throw new Error('useOpenAutomation must be used inside the automation page.')
  return open
}
