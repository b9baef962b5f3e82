import type { TriggerDraft } from '../contract/trigger-config'

/** The wizard's places, as the URL names them (`?tab=configure`); none is the saved summary. */
export const triggerTabs = ['connector', 'choose', 'configure', 'test'] as const
export type TriggerTab = (typeof triggerTabs)[number]

const stageOfTab: Record<TriggerTab, TriggerDraft['stage']> = {
  connector: 'connector',
  choose: 'chooseTrigger',
  configure: 'configureTrigger',
  test: 'test',
}

export function stageOf(tab: TriggerTab): TriggerDraft['stage'] {
  return stageOfTab[tab]
}

export function tabOf(stage: TriggerDraft['stage']): TriggerTab {
  return triggerTabs.find((tab) => stageOfTab[tab] === stage) ?? 'connector'
}

/** The dialogs a URL can open (`?dialog=authorize`): Authorize, and Revert Changes' confirmation. */
export const wizardDialogs = ['authorize', 'revert'] as const
