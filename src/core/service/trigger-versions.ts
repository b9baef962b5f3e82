import { type Automation } from '../../contract/automations'
import { type SavedTrigger } from '../../contract/trigger-config'
import { VERSIONS_PAGE_SIZE, type TriggerVersionsDiff, type TriggerVersionsPage, type VersionRef } from '../../contract/versions'
import { diffTriggerConfigs, type DiffableConfig } from '../../contract/trigger-diff'
import { requireAutomation, requireVersion, type ServiceContext } from './context'
import { putAutomation, toAccount, toSavedTrigger } from './present'

/** The trigger's page: every saved version, any two compared, Restore. */
export function triggerVersionUseCases(context: ServiceContext) {
  const { storage, now, serialized } = context
  return {
    /** Newest first, `VERSIONS_PAGE_SIZE` at a time; `before` asks for the versions older than it. */
    async listTriggerVersions({
      automationId,
      before,
    }: {
      automationId: string
      before?: number | undefined
    }): Promise<TriggerVersionsPage> {
      const automation = await requireAutomation(context, automationId)
      // One more than a page tells whether an older page exists.
      const rows = await storage.listTriggerVersions(automation.trigger.id, { before, limit: VERSIONS_PAGE_SIZE + 1 })
      const versions = rows.slice(0, VERSIONS_PAGE_SIZE).map(toSavedTrigger)
      const oldest = versions[versions.length - 1]
      return { versions, nextBefore: rows.length > VERSIONS_PAGE_SIZE && oldest ? oldest.version : null }
    },

    async getTriggerVersion({ automationId, version }: { automationId: string; version: number }): Promise<SavedTrigger> {
      const automation = await requireAutomation(context, automationId)
      return toSavedTrigger(await requireVersion(context, automation, version))
    },

    /** What changes from `from` to `to`, each a version or the draft. */
    async diffTriggerVersions({
      automationId,
      from,
      to,
    }: {
      automationId: string
      from: VersionRef
      to: VersionRef
    }): Promise<TriggerVersionsDiff> {
      const automation = await requireAutomation(context, automationId)
      const configOf = async (ref: VersionRef): Promise<DiffableConfig> =>
        ref === 'draft' ? automation.trigger.draft : (await requireVersion(context, automation, ref)).config
      const automations = await storage.listAutomations()
      const accounts = (await storage.listAccounts()).map((record) => toAccount(record, automations))
      return { from, to, diff: diffTriggerConfigs(await configOf(from), await configOf(to), accounts) }
    },

    /** Makes a version the draft, to check and save; saving it registers it. */
    restoreTriggerVersion({ automationId, version }: { automationId: string; version: number }): Promise<Automation> {
      return serialized(`automation:${automationId}`, async () => {
        const automation = await requireAutomation(context, automationId)
        const restored = await requireVersion(context, automation, version)
        const { trigger } = automation
        return putAutomation(context, {
          ...automation,
          updatedAt: now().toISOString(),
          trigger: {
            ...trigger,
            draft: { stage: 'configureTrigger', ...structuredClone(restored.config) },
            // Restoring the version in effect is a revert: saving it again restores nothing.
            draftRestoredFrom: restored.version === trigger.saved?.version ? null : restored.version,
          },
        })
      })
    },
  }
}
