import { useNavigate, useSearch } from '@tanstack/react-router'
import { useId } from 'react'
import type { Automation } from '../contract/automations'
import type { SavedTrigger } from '../contract/trigger-config'
import { countOf } from '../contract/count-words'
import { eventDefinition } from '../connectors/bigcommerce'
import { toBackendError } from '../backend/backend-error'
import type { DraftWriter } from '../backend/draft-writer'
import { useDiffQuery, useRestoreTriggerVersion, useVersionsQuery } from '../backend/trigger-queries'
import { formatTime } from '../ui/format-time'
import { ModalDialog } from '../ui/modal-dialog'
import { TriggerDiffTable } from '../wizard/trigger-diff-table'

const PAGE = '/automations/$automationId/trigger'

function headerCount(version: SavedTrigger): string {
  return countOf(version.config.headers.length, { one: 'custom header', other: 'custom headers' }, { zero: 'no custom headers' })
}

/**
 * The saved trigger's versions, newest first, a page at a time: compare any two, and restore
 * any one into the draft. Which two are compared, and which one a Restore dialog asks about,
 * are in the address (`?from=1&to=3`, `?restore=1`).
 */
export function TriggerVersions({ automation, writer }: { automation: Automation; writer: DraftWriter }) {
  const versions = useVersionsQuery(automation.id)
  const search = useSearch({ from: PAGE })
  const navigate = useNavigate({ from: PAGE })
  const setSearch = (changes: Partial<typeof search>) =>
    void navigate({ search: (previous) => ({ ...previous, ...changes }), replace: true })
  const inEffect = automation.trigger.saved?.version ?? null
  const loaded = versions.data?.pages.flatMap((page) => page.versions) ?? []

  if (inEffect === null) return <p className="muted">The trigger has not been saved yet.</p>
  // A failed next page also makes the query an error; what was listed stays.
  if (!versions.data) {
    if (versions.isError) return <p role="alert">The versions could not be listed: {toBackendError(versions.error).message}</p>
    return <output>Loading versions…</output>
  }

  return (
    <div className="stack">
      <ul className="plain-list version-list" aria-label="Versions">
        {loaded.map((version) => (
          <li key={version.version}>
            <div>
              <strong>Version {version.version}</strong> · saved <time dateTime={version.savedAt}>{formatTime(version.savedAt)}</time>
              {version.restoredFrom !== null && <> · restored from version {version.restoredFrom}</>}
              <div className="muted">
                {eventDefinition(version.config.event).label} · {headerCount(version)}
              </div>
            </div>
            <div className="version-actions">
              {version.version === inEffect ? (
                <span className="badge badge-ok">In effect</span>
              ) : (
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={`Restore version ${version.version}`}
                  onClick={() => setSearch({ restore: version.version })}
                >
                  Restore
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {versions.hasNextPage && (
        <div>
          <button
            type="button"
            className="button button-secondary"
            aria-busy={versions.isFetchingNextPage || undefined}
            onClick={() => {
              if (!versions.isFetchingNextPage) void versions.fetchNextPage()
            }}
          >
            Load older versions
          </button>
        </div>
      )}
      {versions.isFetchNextPageError && <p role="alert">Older versions could not be listed: {toBackendError(versions.error).message}</p>}

      <CompareVersions
        automationId={automation.id}
        versions={loaded}
        from={search.from ?? loaded[1]?.version}
        to={search.to ?? loaded[0]?.version}
        onChange={setSearch}
      />

      {search.restore !== undefined && (
        <RestoreVersionDialog
          automation={automation}
          writer={writer}
          version={search.restore}
          inEffect={inEffect}
          onClose={() => setSearch({ restore: undefined })}
        />
      )}
    </div>
  )
}

function CompareVersions({
  automationId,
  versions,
  from,
  to,
  onChange,
}: {
  automationId: string
  versions: readonly SavedTrigger[]
  from: number | undefined
  to: number | undefined
  onChange: (changes: { from?: number; to?: number }) => void
}) {
  const id = useId()
  if (versions.length < 2) return <p className="muted">Save the trigger again to compare two versions here.</p>
  // A version named by the address but on a page not loaded is still offered, by number.
  const numbers = [...new Set([...versions.map((version) => version.version), ...[from, to].filter((n) => n !== undefined)])].sort(
    (a, b) => b - a,
  )
  const label = (number: number) => {
    const version = versions.find((candidate) => candidate.version === number)
    return version ? `Version ${number} · ${formatTime(version.savedAt)}` : `Version ${number}`
  }
  const picker = (which: 'from' | 'to', text: string, value: number | undefined) => (
    <div className="field">
      <label htmlFor={`${id}-${which}`}>{text}</label>
      <select
        id={`${id}-${which}`}
        className="input"
        value={value ?? ''}
        onChange={(event) => onChange({ [which]: Number(event.target.value) })}
      >
        {numbers.map((number) => (
          <option key={number} value={number}>
            {label(number)}
          </option>
        ))}
      </select>
    </div>
  )
  return (
    <section className="card-inset stack-tight" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Compare versions</h3>
      <div className="compare-choices">
        {picker('from', 'Compare version', from)}
        {picker('to', 'With version', to)}
      </div>
      {from !== undefined && to !== undefined && from !== to ? (
        <VersionsDiff automationId={automationId} from={from} to={to} />
      ) : (
        <p className="muted">Pick two different versions to see what changed between them.</p>
      )}
    </section>
  )
}

function VersionsDiff({ automationId, from, to }: { automationId: string; from: number; to: number }) {
  const diff = useDiffQuery(automationId, from, to)
  if (diff.isPending) return <output>Comparing versions…</output>
  if (diff.isError) return <p role="alert">The versions could not be compared: {toBackendError(diff.error).message}</p>
  return (
    <TriggerDiffTable
      diff={diff.data.diff}
      caption={`Changes from version ${from} to version ${to}`}
      fromLabel={`Version ${from}`}
      toLabel={`Version ${to}`}
    />
  )
}

/** Restore asks first, showing what saving the restored version would change against the one in effect. */
function RestoreVersionDialog({
  automation,
  writer,
  version,
  inEffect,
  onClose,
}: {
  automation: Automation
  writer: DraftWriter
  version: number
  inEffect: number
  onClose: () => void
}) {
  const navigate = useNavigate({ from: PAGE })
  const restore = useRestoreTriggerVersion(automation.id)
  const diff = useDiffQuery(automation.id, inEffect, version)

  async function restoreVersion() {
    if (restore.isPending) return
    // A draft write still waiting would land after the restore and undo it.
    await writer.discard()
    restore.mutate(version, {
      onSuccess: () =>
        void navigate({ to: '/automations/$automationId', params: { automationId: automation.id }, search: { tab: 'configure' } }),
    })
  }

  return (
    <ModalDialog title={`Restore version ${version}?`} onClose={onClose} initialFocusId="restore-cancel">
      <p>
        Version {version} becomes the draft, at Configure Trigger. Nothing changes at BigCommerce until you save it; saving it re-registers
        the webhook with version {version}’s event and headers.
      </p>
      {automation.trigger.differsFromSaved && <p>The draft’s unsaved changes are replaced.</p>}
      {diff.isPending && <output>Comparing versions…</output>}
      {diff.isError && <p role="alert">{toBackendError(diff.error).message}</p>}
      {diff.data && (
        <TriggerDiffTable
          diff={diff.data.diff}
          caption={`What saving it changes, from version ${inEffect} (in effect)`}
          fromLabel={`Version ${inEffect}`}
          toLabel={`Version ${version}`}
        />
      )}
      {restore.isError && (
        <p role="alert">
          Version {version} was not restored: {toBackendError(restore.error).message}
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          aria-busy={restore.isPending || undefined}
          disabled={diff.isError}
          onClick={() => void restoreVersion()}
        >
          Restore
        </button>
        <button id="restore-cancel" type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </ModalDialog>
  )
}
