import { zodResolver } from '@hookform/resolvers/zod'
import { useId, useState } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import * as z from 'zod/mini'
import type { Account } from '../contract/accounts'
import { accessTokenProblem, clientSecretProblem, normalizeAccessToken, normalizeClientSecret } from '../contract/access-token'
import { normalizeStoreHash, storeHashProblem } from '../contract/store-hash'
import type { AuthField, ConnectorDefinition } from '../connectors/connector-definition'
import { useAuthorizeAccount } from '../backend/trigger-queries'
import { describedBy, FieldError, FormError } from '../ui/field-error'
import { ModalDialog } from '../ui/modal-dialog'
import { useServerError } from '../ui/server-error'

const authorizeFormSchema = z.object({
  storeHash: z.string().check(
    z.superRefine((value, ctx) => {
      const problem = storeHashProblem(normalizeStoreHash(value))
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value })
    }),
  ),
  accessToken: z.string().check(
    z.superRefine((value, ctx) => {
      const problem = accessTokenProblem(normalizeAccessToken(value))
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value })
    }),
  ),
  clientSecret: z.string().check(
    z.superRefine((value, ctx) => {
      const problem = clientSecretProblem(normalizeClientSecret(value))
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value })
    }),
  ),
})
type AuthorizeFormValues = z.infer<typeof authorizeFormSchema>

type AuthorizeDialogProps = {
  connector: ConnectorDefinition
  onClose: () => void
  onAuthorized: (account: Account) => void
}

/**
 * The Authorize pop-up of the guide: Store Hash and Access Token, checked against the store, and
 * optionally the API account's Client Secret, with which deliveries' signatures are checked.
 */
export function AuthorizeDialog({ connector, onClose, onAuthorized }: AuthorizeDialogProps) {
  const idPrefix = useId()
  const fieldId = (name: AuthField['name']) => `${idPrefix}-${name}`
  // Which secret fields show what was typed.
  const [shown, setShown] = useState<ReadonlySet<AuthField['name']>>(new Set())
  const authorize = useAuthorizeAccount()
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors },
  } = useForm<AuthorizeFormValues>({
    resolver: zodResolver(authorizeFormSchema),
    defaultValues: { storeHash: '', accessToken: '', clientSecret: '' },
  })
  const typedHash = useWatch({ control, name: 'storeHash' })
  const normalizedHash = normalizeStoreHash(typedHash)
  // Nothing is reset: every field keeps what was typed, and the message goes where it belongs.
  const serverError = useServerError(['storeHash', 'accessToken', 'clientSecret'], setError)

  const onSubmit = handleSubmit((values) => {
    if (authorize.isPending) return
    serverError.clear()
    // An empty Client Secret is none: it is left out, and the backend keeps any it has.
    const clientSecret = normalizeClientSecret(values.clientSecret)
    authorize.mutate(
      {
        connector: connector.id,
        storeHash: values.storeHash,
        accessToken: values.accessToken,
        ...(clientSecret === '' ? {} : { clientSecret }),
      },
      {
        onSuccess: (account) => onAuthorized(account),
        onError: serverError.onError,
      },
    )
  })

  const help = connector.auth.help
  return (
    <ModalDialog title={connector.auth.title} onClose={onClose} initialFocusId={fieldId('storeHash')} className="authorize-dialog">
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        {/* Not a labelled region: its name would make getByLabel('Store Hash') ambiguous. */}
        <div className="help-box">
          <h3>Where to find the Store Hash and Access Token</h3>
          <ol>
            {help.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          <p>
            <strong>Additional Resources:</strong> For more information, refer to the{' '}
            <a href={help.link.href} target="_blank" rel="noopener noreferrer">
              {help.link.label}
            </a>{' '}
            document (opens in a new tab).
          </p>
        </div>

        {connector.auth.fields.map((field) => {
          const id = fieldId(field.name)
          const helpId = `${id}-help`
          const errorId = `${id}-error`
          const normalizedId = `${id}-normalized`
          const message = errors[field.name]?.message
          const showNormalized = field.name === 'storeHash' && typedHash.trim() !== ''
          const isShown = shown.has(field.name)
          return (
            <div className="field" key={field.name}>
              <label htmlFor={id}>{field.label}</label>
              <div className={field.secret ? 'input-with-button' : undefined}>
                <input
                  id={id}
                  className="input"
                  type={field.secret && !isShown ? 'password' : 'text'}
                  autoComplete="off"
                  spellCheck={false}
                  aria-invalid={message ? true : undefined}
                  aria-describedby={describedBy(message && errorId, showNormalized && normalizedId, helpId)}
                  {...register(field.name)}
                />
                {field.secret && (
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-pressed={isShown}
                    aria-controls={id}
                    onClick={() =>
                      setShown((previous) => {
                        const next = new Set(previous)
                        if (!next.delete(field.name)) next.add(field.name)
                        return next
                      })
                    }
                  >
                    {field.secret.showLabel}
                  </button>
                )}
              </div>
              <FieldError id={errorId} message={message} />
              {showNormalized && (
                <p id={normalizedId} className="field-note">
                  Store Hash to use: <code>{normalizedHash}</code>
                </p>
              )}
              <p id={helpId} className="field-help">
                {field.help}
              </p>
            </div>
          )
        })}

        <FormError message={serverError.formError} />
        {/* Always rendered, so screen readers hear the text when it appears. */}
        <output className="muted">{authorize.isPending ? 'Checking the Store Hash and Access Token with BigCommerce…' : ''}</output>
        <div className="button-row">
          <button type="submit" className="button button-primary" aria-busy={authorize.isPending || undefined}>
            {authorize.isPending && <span className="spinner" aria-hidden="true" />}
            Authorize
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
