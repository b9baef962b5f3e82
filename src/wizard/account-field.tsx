import { useId } from 'react'
import { useController, useFormContext } from 'react-hook-form'
import type { ConnectorDefinition } from '../connectors/connector-definition'
import { toBackendError } from '../backend/backend-error'
import { useAccountsQuery } from '../backend/trigger-queries'
import { describedBy, FieldError } from '../ui/field-error'
import { usePlaceState } from '../ui/place-state'
import { accountOptionLabel } from '../ui/account-labels'
import { AuthorizeDialog } from './authorize-dialog'
import type { ConfigureTriggerValues } from './configure-trigger-schema'
import { wizardDialogs } from './trigger-tabs'

/** Picks an authorized store, or adds one through the Authorize dialog. */
export function AccountField({ connector }: { connector: ConnectorDefinition }) {
  const id = useId()
  // In the place, so a reload or Back returns to the open dialog.
  const [dialog, setDialog] = usePlaceState('dialog', wizardDialogs)
  const authorizing = dialog === 'authorize'
  const setAuthorizing = (open: boolean) => setDialog(open ? 'authorize' : undefined)
  const accounts = useAccountsQuery()
  const { setValue } = useFormContext<ConfigureTriggerValues>()
  const {
    field: { ref, value, name, onChange, onBlur },
    fieldState,
  } = useController<ConfigureTriggerValues, 'accountId'>({ name: 'accountId' })
  const message = fieldState.error?.message
  const selected = accounts.data?.find((account) => account.id === value)

  return (
    <div className="field">
      <label htmlFor={id}>Account</label>
      <div className="input-with-button">
        <select
          id={id}
          className="input"
          name={name}
          ref={ref}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy(message && `${id}-error`, `${id}-help`)}
        >
          {/* Hidden so the list holds only real accounts, yet the select can start empty. */}
          <option value="" disabled hidden>
            {accounts.isPending ? 'Loading accounts…' : 'Choose an account'}
          </option>
          {accounts.data?.map((account) => (
            <option key={account.id} value={account.id}>
              {accountOptionLabel(account)}
            </option>
          ))}
        </select>
        <button type="button" className="button button-secondary" onClick={() => setAuthorizing(true)}>
          + Add New Account
        </button>
      </div>
      <FieldError id={`${id}-error`} message={message} />
      <p id={`${id}-help`} className="field-help">
        {selected
          ? `Access Token ${selected.tokenMask}, authorized for ${selected.storeName}.`
          : accounts.data?.length
            ? 'Choose a store you authorized before, or add a new one.'
            : 'No accounts yet. Add one with + Add New Account.'}
      </p>
      {accounts.isError && (
        <p className="field-error" role="alert">
          The accounts could not be loaded: {toBackendError(accounts.error).message}
        </p>
      )}
      {authorizing && (
        <AuthorizeDialog
          connector={connector}
          onClose={() => setAuthorizing(false)}
          onAuthorized={(account) => {
            setAuthorizing(false)
            setValue('accountId', account.id, { shouldValidate: true, shouldDirty: true, shouldTouch: true })
          }}
        />
      )}
    </div>
  )
}
