import { jsonViews, outputTabs, type JsonView, type OutputTab } from '../output/output-views'
import { triggerTabs, wizardDialogs, type TriggerTab } from '../wizard/trigger-tabs'

/**
 * The URL's search, parsed: each value is kept only if it is one the page knows, so an edited or
 * outdated link opens the page at its default instead of failing. A plain allow-list rather than
 * zod, which would otherwise be in the first page's bundle for five words.
 */
function oneOf<Value extends string>(values: readonly Value[], raw: unknown): Value | undefined {
  return values.find((value) => value === raw)
}

export const automationDialogs = [...wizardDialogs, 'delete'] as const

/** Anywhere in an automation: the dialog that is open. */
export type AutomationSearch = { dialog?: (typeof automationDialogs)[number] }

export function parseAutomationSearch(raw: Record<string, unknown>): AutomationSearch {
  // Every key is set, to undefined if unknown: the router keeps a raw value unless told otherwise.
  return { dialog: oneOf(automationDialogs, raw['dialog']) }
}

/**
 * An id as a link names it, or undefined: ids are short tokens. The router reads a search value
 * that looks like JSON as JSON, so a numeric id arrives as a number.
 */
function idOf(raw: unknown): string | undefined {
  const text = typeof raw === 'number' ? String(raw) : raw
  return typeof text === 'string' && /^[\w.-]{1,128}$/.test(text) ? text : undefined
}

/**
 * The trigger step: the wizard's place (none: the saved summary), the output's tab and view, and
 * a stored delivery replayed into Test Trigger's output.
 */
export type TriggerStepSearch = { tab?: TriggerTab; output?: OutputTab; view?: JsonView; replay?: string }

export function parseTriggerStepSearch(raw: Record<string, unknown>): TriggerStepSearch {
  return {
    tab: oneOf(triggerTabs, raw['tab']),
    output: oneOf(outputTabs, raw['output']),
    view: oneOf(jsonViews, raw['view']),
    replay: idOf(raw['replay']),
  }
}

/** A version number as the router hands it over: it parses `?from=2` as the number 2. */
function versionNumber(raw: unknown): number | undefined {
  const value = typeof raw === 'string' && /^[1-9][0-9]{0,8}$/.test(raw) ? Number(raw) : raw
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 ? value : undefined
}

/** The trigger's own page's tabs, as the URL names them (`?section=versions`). */
export const triggerPageSections = ['deliveries', 'compare', 'fields', 'versions'] as const
export type TriggerPageSection = (typeof triggerPageSections)[number]

/**
 * The trigger's own page: the tab open, the two versions compared, the version a Restore dialog
 * asks about, and the delivery open in the log's viewer.
 */
export type TriggerPageSearch = { section?: TriggerPageSection; from?: number; to?: number; restore?: number; delivery?: string }

export function parseTriggerPageSearch(raw: Record<string, unknown>): TriggerPageSearch {
  return {
    section: oneOf(triggerPageSections, raw['section']),
    from: versionNumber(raw['from']),
    to: versionNumber(raw['to']),
    restore: versionNumber(raw['restore']),
    delivery: idOf(raw['delivery']),
  }
}

/**
 * The tab a link opens: the one it names; for a link from before the page had tabs, the one that
 * shows what it names (`?from=1&to=3` and `?restore=2` the versions, `?delivery=` the log); else
 * the first.
 */
export function sectionOf(search: TriggerPageSearch): TriggerPageSection {
  if (search.section) return search.section
  if (search.from !== undefined || search.to !== undefined || search.restore !== undefined) return 'versions'
  return 'deliveries'
}

export const accountActions = ['rename', 'token', 'delete'] as const

/**
 * The Accounts page: the dialog open for one account (`/accounts?account=a1&action=token`).
 * Not `dialog`: the router merges every route's search into one type, and the automation's
 * `dialog` values would then take these too.
 */
export type AccountsSearch = { account?: string; action?: (typeof accountActions)[number] }

export function parseAccountsSearch(raw: Record<string, unknown>): AccountsSearch {
  const account = typeof raw['account'] === 'string' && raw['account'] !== '' ? raw['account'] : undefined
  const action = oneOf(accountActions, raw['action'])
  // One without the other opens nothing, so neither is kept.
  return account && action ? { account, action } : { account: undefined, action: undefined }
}
