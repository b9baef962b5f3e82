import { useId, type KeyboardEvent } from 'react'
import { useFieldArray, useFormContext } from 'react-hook-form'
import { MAX_CUSTOM_HEADERS } from '../contract/custom-headers'
import type { ConnectorDefinition } from '../connectors/connector-definition'
import { describedBy, FieldError } from '../ui/field-error'
import type { ConfigureTriggerValues } from './configure-trigger-schema'

/** Enter in a value submits the form, as it would in an input; a line break can still be pasted. */
function submitOnEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
  if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return
  event.preventDefault()
  event.currentTarget.form?.requestSubmit()
}

/**
 * Rows of name/value pairs sent with every delivery. Each problem from `customHeaderProblems`
 * shows at the cell it blames, so a user with twenty rows can see which one to fix.
 */
export function CustomHeadersField({ connector }: { connector: ConnectorDefinition }) {
  const id = useId()
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<ConfigureTriggerValues>()
  const { fields, append, remove } = useFieldArray({ control, name: 'headers' })
  const labels = connector.optionalFields.customHeaders

  return (
    <fieldset className="fieldset" aria-describedby={`${id}-help`}>
      <legend>Custom Headers</legend>
      <p id={`${id}-help`} className="field-help">
        {labels.label}s are sent with every delivery from BigCommerce, up to {MAX_CUSTOM_HEADERS}.
      </p>
      {fields.length === 0 ? (
        <p className="muted">No custom headers yet.</p>
      ) : (
        <div className="header-rows">
          <div className="header-row header-row-captions" aria-hidden="true">
            <span>Name</span>
            <span>Value</span>
            <span />
          </div>
          {fields.map((field, index) => {
            const row = index + 1
            const nameId = `${id}-${field.id}-name`
            const valueId = `${id}-${field.id}-value`
            const nameError = errors.headers?.[index]?.name?.message
            const valueError = errors.headers?.[index]?.value?.message
            return (
              <div className="header-row" key={field.id}>
                <div className="header-cell">
                  <label htmlFor={nameId} className="visually-hidden">
                    Header name {row}
                  </label>
                  <input
                    id={nameId}
                    className="input"
                    autoComplete="off"
                    spellCheck={false}
                    aria-invalid={nameError ? true : undefined}
                    aria-describedby={describedBy(nameError && `${nameId}-error`)}
                    {...register(`headers.${index}.name`)}
                  />
                  <FieldError id={`${nameId}-error`} message={nameError} />
                </div>
                <div className="header-cell">
                  <label htmlFor={valueId} className="visually-hidden">
                    Header value {row}
                  </label>
                  {/* A one-row textarea, not an input: an input quietly turns a pasted line break
                      into a space, so the value sent would differ from the one pasted without a word.
                      Here the break stays visible and gets its message. Enter still submits. */}
                  <textarea
                    id={valueId}
                    className="input header-value"
                    rows={1}
                    autoComplete="off"
                    spellCheck={false}
                    aria-invalid={valueError ? true : undefined}
                    aria-describedby={describedBy(valueError && `${valueId}-error`)}
                    {...register(`headers.${index}.value`)}
                    onKeyDown={submitOnEnter}
                  />
                  <FieldError id={`${valueId}-error`} message={valueError} />
                </div>
                <button type="button" className="button button-ghost" aria-label={`Remove header ${row}`} onClick={() => remove(index)}>
                  Remove
                </button>
              </div>
            )
          })}
        </div>
      )}
      <button
        type="button"
        className="button button-secondary"
        // The field being typed in keeps focus while the button is pressed: otherwise its blur
        // shows a bad value's message at once, which pushes this button down between press and
        // release, and the first click is lost. Its message shows when the new row takes focus.
        onMouseDown={(event) => event.preventDefault()}
        // The new row's name input takes focus (RHF's shouldFocus), so typing can go straight on.
        onClick={() => append({ name: '', value: '' }, { shouldFocus: true })}
      >
        {labels.addLabel}
      </button>
    </fieldset>
  )
}
