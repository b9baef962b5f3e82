import { zodResolver } from '@hookform/resolvers/zod'
import { useId } from 'react'
import { useForm } from 'react-hook-form'
import * as z from 'zod/mini'
import type { Account } from '../contract/accounts'
import { accessTokenFieldSchema, clientSecretFieldSchema, normalizeClientSecret } from '../contract/access-token'
import { bigcommerceConnector } from '../connectors/bigcommerce'
import { useReplaceAccountToken } from '../backend/trigger-queries'
import { describedBy, FieldError, FormError } from '../ui/field-error'
import { ModalDialog } from '../ui/modal-dialog'
import { useServerError } from '../ui/server-error'
import { SecretInput } from '../ui/secret-input'

const replaceTokenFormSchema = z.object({ accessToken: accessTokenFieldSchema, clientSecret: clientSecretFieldSchema })
type ReplaceTokenFormValues = z.infer<typeof replaceTokenFormSchema>

const fieldOf = (name: 'accessToken' | 'clientSecret') => bigcommerceConnector.auth.fields.find((field) => field.name === name)
const tokenField = fieldOf('accessToken')
const secretField = fieldOf('clientSecret')

type ReplaceTokenDialogProps = {
  account: Account
  onClose: () => void
  onReplaced: (account: Account) => void
}

/**
 * A new Access Token for an account, say after its API account was replaced in BigCommerce. The
 * backend replaces the old token only once BigCommerce accepts the new one for this very store.
 */
export function ReplaceTokenDialog({ account, onClose, onReplaced }: ReplaceTokenDialogProps) {
  const id = useId()
  const replace = useReplaceAccountToken(account.id)
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<ReplaceTokenFormValues>({
    resolver: zodResolver(replaceTokenFormSchema),
    defaultValues: { accessToken: '', clientSecret: '' },
  })
  const message = errors.accessToken?.message
  const secretMessage = errors.clientSecret?.message
  // The typed token stays in the field, to correct; the current one stays at the backend.
  const serverError = useServerError(['accessToken', 'clientSecret'], setError)

  const onSubmit = handleSubmit((values) => {
    if (replace.isPending) return
    serverError.clear()
    // An empty Client Secret is none: left out, as in the Authorize dialog.
    const clientSecret = normalizeClientSecret(values.clientSecret)
    replace.mutate(
      { accessToken: values.accessToken, ...(clientSecret === '' ? {} : { clientSecret }) },
      {
        onSuccess: onReplaced,
        onError: serverError.onError,
      },
    )
  })

  return (
    <ModalDialog title="Re-enter the Access Token" onClose={onClose} initialFocusId={`${id}-token`}>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <p>
          For {account.name}
          {/* A store named by its hash is not named again: "For abc123, store abc123". */}
          {account.name !== account.storeHash && (
            <>
              , store <span className="mono">{account.storeHash}</span>
            </>
          )}
          , whose token now ends in <span className="mono">{account.tokenMask.slice(-4)}</span>. BigCommerce checks that the new token
          belongs to this store before it replaces the current one; if it does not, the current one is kept.
        </p>
        <div className="field">
          <label htmlFor={`${id}-token`}>Access Token</label>
          <SecretInput
            id={`${id}-token`}
            showLabel="Show token"
            aria-invalid={message ? true : undefined}
            aria-describedby={describedBy(message && `${id}-error`, `${id}-help`)}
            {...register('accessToken')}
          />
          <FieldError id={`${id}-error`} message={message} />
          <p id={`${id}-help`} className="field-help">
            {tokenField?.help}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-secret`}>Client Secret</label>
          <SecretInput
            id={`${id}-secret`}
            showLabel="Show secret"
            aria-invalid={secretMessage ? true : undefined}
            aria-describedby={describedBy(secretMessage && `${id}-secret-error`, `${id}-secret-help`)}
            {...register('clientSecret')}
          />
          <FieldError id={`${id}-secret-error`} message={secretMessage} />
          <p id={`${id}-secret-help`} className="field-help">
            {account.signatureChecked
              ? 'Signatures are checked now with the current API account’s Client Secret. A new token is of another API account: without its Client Secret, signatures are no longer checked. '
              : ''}
            {secretField?.help}
          </p>
        </div>
        <FormError message={serverError.formError} />
        {/* Always rendered, so screen readers hear the text when it appears. */}
        <output className="muted">{replace.isPending ? 'Checking the Access Token with BigCommerce…' : ''}</output>
        <div className="button-row">
          <button type="submit" className="button button-primary" aria-busy={replace.isPending || undefined}>
            {replace.isPending && <span className="spinner" aria-hidden="true" />}
            Check and replace
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
