import * as z from 'zod/mini'
import { missingChoiceMessages, type TriggerDraft, type WizardStage } from '../contract/trigger-config'
import { customHeaderProblems, customHeaderSchema } from '../contract/custom-headers'
import { eventScopeSchema } from '../contract/events'

/**
 * The Configure Trigger form. Selects hold '' for "nothing chosen", so the form schema works
 * on strings and the draft conversion below maps them to the contract's nulls.
 */
export const configureTriggerFormSchema = z
  .object({
    accountId: z.string().check(z.minLength(1, missingChoiceMessages.accountId)),
    event: z.string().check(z.minLength(1, missingChoiceMessages.event)),
    showOptional: z.boolean(),
    headers: z.array(customHeaderSchema),
  })
  .check(
    z.superRefine((values, ctx) => {
      // Hidden optional fields are not part of the trigger, so they cannot block it.
      if (!values.showOptional) return
      for (const problem of customHeaderProblems(values.headers)) {
        ctx.addIssue({ code: 'custom', message: problem.message, path: ['headers', problem.index, problem.key], input: values })
      }
    }),
  )
export type ConfigureTriggerValues = z.infer<typeof configureTriggerFormSchema>

export function formValuesFromDraft(draft: TriggerDraft): ConfigureTriggerValues {
  return {
    accountId: draft.accountId ?? '',
    event: draft.event ?? '',
    showOptional: draft.headers.length > 0,
    headers: draft.headers.map((header) => ({ ...header })),
  }
}

export function draftFromFormValues(base: TriggerDraft, values: ConfigureTriggerValues, stage: WizardStage): TriggerDraft {
  const event = eventScopeSchema.safeParse(values.event)
  return {
    ...base,
    stage,
    accountId: values.accountId === '' ? null : values.accountId,
    event: event.success ? event.data : null,
    headers: values.showOptional ? values.headers.map(({ name, value }) => ({ name, value })) : [],
  }
}
