import { Link, useNavigate } from '@tanstack/react-router'
import { useId, useState, type FormEvent } from 'react'
import { createAutomationRequestSchema, type Automation } from '../contract/automations'
import { bigcommerceConnector, eventDefinition } from '../connectors/bigcommerce'
import { toBackendError } from '../backend/backend-error'
import { useAutomationsQuery, useCreateAutomation } from '../backend/trigger-queries'
import { describedBy, FieldError } from '../ui/field-error'
import { attentionReason } from '../wizard/attention-reason'
import { PageHeading } from './page-heading'
import { PageLayout } from './page-layout'

/** What an automation listens to, in words, as the list shows it. */
function triggerStatus(automation: Automation): string {
  const saved = automation.trigger.saved
  if (!saved) return 'No trigger yet'
  return `${bigcommerceConnector.name} · ${eventDefinition(saved.config.event).label}`
}

export function AutomationsPage() {
  const automations = useAutomationsQuery()
  return (
    <PageLayout narrow>
      <PageHeading>Automations</PageHeading>
      {automations.isPending && <output>Loading automations…</output>}
      {automations.isError && (
        <div className="alert alert-error" role="alert">
          <p>The automations could not be loaded: {toBackendError(automations.error).message}</p>
          <button type="button" className="button" onClick={() => void automations.refetch()}>
            Retry
          </button>
        </div>
      )}
      {automations.data &&
        (automations.data.length === 0 ? (
          <p className="muted">No automations yet. Create one below.</p>
        ) : (
          <ul className="automation-list" aria-label="Automations">
            {automations.data.map((automation) => (
              <li key={automation.id} className="automation-item">
                <Link to="/automations/$automationId" params={{ automationId: automation.id }} className="automation-link">
                  {automation.name}
                </Link>
                <span className="automation-badges">
                  <span className={automation.trigger.saved ? 'badge badge-ok' : 'badge'}>{triggerStatus(automation)}</span>
                  <AttentionBadge automation={automation} />
                </span>
              </li>
            ))}
          </ul>
        ))}
      <CreateAutomationForm />
    </PageLayout>
  )
}

/** A warning on a trigger BigCommerce no longer serves as saved; the reason is read out with it. */
function AttentionBadge({ automation }: { automation: Automation }) {
  const health = automation.trigger.health
  const reason = health ? attentionReason(health) : null
  if (!reason) return null
  return (
    <span className="badge badge-warning">
      Needs attention<span className="visually-hidden">: {reason}</span>
    </span>
  )
}

function CreateAutomationForm() {
  const inputId = useId()
  const errorId = useId()
  const [name, setName] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const create = useCreateAutomation()
  const navigate = useNavigate()

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (create.isPending) return
    const parsed = createAutomationRequestSchema.safeParse({ name })
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'Enter a name.')
      document.getElementById(inputId)?.focus()
      return
    }
    setProblem(null)
    create.mutate(parsed.data, {
      onSuccess: (automation) => void navigate({ to: '/automations/$automationId', params: { automationId: automation.id } }),
      onError: (error) => setProblem(toBackendError(error).message),
    })
  }

  return (
    <form className="card create-form" onSubmit={handleSubmit} noValidate aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`}>Create automation</h2>
      <div className="field">
        <label htmlFor={inputId}>Automation name</label>
        <input
          id={inputId}
          className="input"
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy(problem && errorId)}
          autoComplete="off"
        />
        <FieldError id={errorId} message={problem} />
      </div>
      <button type="submit" className="button button-primary" aria-busy={create.isPending || undefined}>
        Create automation
      </button>
    </form>
  )
}
