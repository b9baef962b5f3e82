import { type Automation } from '../../contract/automations'
import {
  missingChoiceMessages,
  triggerConfigSchema,
  type SavedTrigger,
  type TriggerConfig,
  type TriggerDraft,
} from '../../contract/trigger-config'
import { BackendError } from '../../contract/errors'
import { hookDestination } from '../reconciler'
import type { AutomationRecord } from '../record-schemas'
import { validationError } from '../validation-error'
import { sealStepSecrets } from './action-steps'
import { requireAccount, requireAutomation, type ServiceContext } from './context'
import { present, toAutomation } from './present'
import { reconcileQuietly } from './trigger-health'

/** Words for what an incomplete draft lacks; header issues already carry their own message. */
const MISSING_CHOICE: Record<string, string> = {
  connector: 'Choose the BigCommerce connector first.',
  trigger: 'Choose the BigCommerce trigger first.',
  ...missingChoiceMessages,
}

/** The draft as a configuration that can be tested or saved, or its first problem at its field. */
export function completeConfig(draft: TriggerDraft, action: 'test' | 'save'): TriggerConfig {
  const parsed = triggerConfigSchema.safeParse(draft)
  if (parsed.success) return parsed.data
  throw validationError(parsed.error, {
    code: 'incomplete_trigger',
    message: (issue) => {
      const top = issue?.path[0]
      const missing = typeof top === 'string' && top !== 'headers' && top !== 'steps' ? MISSING_CHOICE[top] : undefined
      return missing ?? issue?.message ?? `The trigger is not complete enough to ${action}.`
    },
  })
}

/** The draft as it is edited, Save and Exit, and Revert Changes. */
export function triggerLifecycleUseCases(context: ServiceContext) {
  const { storage, config, publicUrl, now, serialized, reconciler } = context
  return {
    /**
     * Keeps the draft as typed. The answer carries no health: a draft write changes none, and the
     * reads it would take are three per keystroke's debounce (the UI keeps the health it has).
     */
    updateTriggerDraft(input: { automationId: string; draft: TriggerDraft }): Promise<Automation> {
      return serialized(`automation:${input.automationId}`, async () => {
        const automation = await requireAutomation(context, input.automationId)
        if (input.draft.accountId !== null) await requireAccount(context, input.draft.accountId)
        const draft = await sealStepSecrets(context, automation.id, input.draft)
        const updated: AutomationRecord = { ...automation, updatedAt: now().toISOString(), trigger: { ...automation.trigger, draft } }
        await storage.putAutomation(updated)
        return toAutomation(updated, undefined)
      })
    },

    saveTrigger({ automationId }: { automationId: string }): Promise<Automation> {
      return serialized(`automation:${automationId}`, async () => {
        const automation = await requireAutomation(context, automationId)
        const { trigger } = automation
        const next = completeConfig(trigger.draft, 'save')
        await requireAccount(context, next.accountId)

        const destination = publicUrl ? hookDestination(publicUrl, trigger.id) : null
        const saved: SavedTrigger = {
          version: (trigger.saved?.version ?? 0) + 1,
          savedAt: now().toISOString(),
          config: next,
          // The hook id is the reconciler's to find out; the check below fills it in.
          webhook: destination
            ? { status: 'registered', hookId: null, destination, detail: null }
            : { status: 'not_registered', hookId: null, destination: null, detail: config.webhookHelp },
          restoredFrom: trigger.draftRestoredFrom,
        }
        const updated: AutomationRecord = {
          ...automation,
          updatedAt: saved.savedAt,
          trigger: { ...trigger, draft: { ...trigger.draft, stage: 'test' }, saved, draftRestoredFrom: null },
        }
        // The intent, durably, before BigCommerce hears of it: where the old hook is, then the
        // new version. Killed after this, the start-up run finishes the save.
        const previous = reconciler.savedLocation(automation)
        if (previous) await storage.addHookLocations([previous])
        await storage.saveTriggerVersion(updated, { ...saved, triggerId: trigger.id })

        const outcome = await reconciler.reconcileTrigger(trigger.id, { mode: 'converge', wait: true })
        if (outcome.error) {
          // BigCommerce refused or failed: the save is undone, its version with it (it was never
          // in effect), and so is what it changed there.
          await storage.withdrawTriggerVersion(automation, saved.version)
          await reconciler.reconcileTrigger(trigger.id, { mode: 'converge', wait: true })
          throw outcome.error
        }
        return present(context, updated, outcome.check)
      })
    },

    revertTrigger({ automationId }: { automationId: string }): Promise<Automation> {
      return serialized(`automation:${automationId}`, async () => {
        const automation = await requireAutomation(context, automationId)
        const saved = automation.trigger.saved
        if (!saved) throw new BackendError('conflict', 'This trigger has never been saved, so there is nothing to revert to.')
        // The saved version did not change while the draft was edited; a run still clears any
        // leftover of an interrupted save (an orphan hook, say).
        const reverted: AutomationRecord = {
          ...automation,
          updatedAt: now().toISOString(),
          trigger: {
            ...automation.trigger,
            draft: { stage: 'configureTrigger', ...structuredClone(saved.config) },
            draftRestoredFrom: null,
          },
        }
        await storage.putAutomation(reverted)
        return present(context, reverted, await reconcileQuietly(context, automation.trigger.id))
      })
    },
  }
}
