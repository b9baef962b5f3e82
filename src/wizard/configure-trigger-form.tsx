import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect, useId, useRef, useState } from 'react'
import { FormProvider, useForm, useWatch } from 'react-hook-form'
import type { TriggerDraft } from '../contract/trigger-config'
import type { ConnectorDefinition } from '../connectors/connector-definition'
import { FormError } from '../ui/field-error'
import { AccountField } from './account-field'
import {
  configureTriggerFormSchema,
  draftFromFormValues,
  formValuesFromDraft,
  type ConfigureTriggerValues,
} from './configure-trigger-schema'
import { CustomHeadersField } from './custom-headers-field'
import { EventField } from './event-field'

type ConfigureTriggerFormProps = {
  connector: ConnectorDefinition
  /** Read once, on mount: later changes come from this form itself. */
  draft: TriggerDraft
  /** Every edit, as the draft it makes; the caller debounces the write. */
  onDraftChange: (draft: TriggerDraft) => void
  /** Called with a valid draft at stage 'test'; resolves with an error message, or null. */
  onProceed: (draft: TriggerDraft) => Promise<string | null>
}

/** The Configure Trigger tab: account, event and optional custom headers, then Proceed. */
export function ConfigureTriggerForm({ connector, draft, onDraftChange, onProceed }: ConfigureTriggerFormProps) {
  const switchId = useId()
  const [proceedError, setProceedError] = useState<string | null>(null)
  const [proceeding, setProceeding] = useState(false)
  const form = useForm<ConfigureTriggerValues>({
    resolver: zodResolver(configureTriggerFormSchema),
    defaultValues: formValuesFromDraft(draft),
    mode: 'onTouched',
  })
  const { control, handleSubmit, register, subscribe } = form
  const showOptional = useWatch({ control, name: 'showOptional' })

  // RHF also notifies on blur and validation; only a real change of the draft is worth a write.
  const lastEmitted = useRef(JSON.stringify(draftFromFormValues(draft, formValuesFromDraft(draft), 'configureTrigger')))
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ values }) => {
          // The parts this form does not edit (connector, trigger) come from the latest draft.
          const next = draftFromFormValues(draft, values, 'configureTrigger')
          const json = JSON.stringify(next)
          if (json === lastEmitted.current) return
          lastEmitted.current = json
          onDraftChange(next)
        },
      }),
    [subscribe, draft, onDraftChange],
  )

  const submit = handleSubmit(async (values) => {
    if (proceeding) return
    setProceeding(true)
    setProceedError(null)
    const problem = await onProceed(draftFromFormValues(draft, values, 'test'))
    setProceeding(false)
    if (problem) setProceedError(problem)
  })

  return (
    <FormProvider {...form}>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <AccountField connector={connector} />
        <EventField connector={connector} />
        <div className="field switch-field">
          <input id={switchId} type="checkbox" role="switch" aria-checked={showOptional} className="switch" {...register('showOptional')} />
          <label htmlFor={switchId}>Show optional fields</label>
        </div>
        {showOptional && <CustomHeadersField connector={connector} />}
        <FormError message={proceedError} />
        <div className="button-row">
          <button type="submit" className="button button-primary" aria-busy={proceeding || undefined}>
            Proceed
          </button>
        </div>
      </form>
    </FormProvider>
  )
}
