import type { Account } from './accounts'
import type { DiffAccount, HeaderChange, TriggerDiff } from './versions'
import type { CustomHeader } from './custom-headers'
import type { EventScope } from './events'

/**
 * The diff of two trigger configurations, field by field: shared by the server (the versions
 * API), the demo and the UI (Revert Changes, which diffs the form as typed). Pure.
 */

/** A saved configuration or a draft: a draft may lack a choice, and keeps header names as typed. */
export type DiffableConfig = { accountId: string | null; event: EventScope | null; headers: readonly CustomHeader[] }

/**
 * Words that make a header name look secret (`Authorization`, `X-Api-Key`, `X-Auth-Token`…).
 * A guess from the name: custom headers are not secrets to this app, but these usually carry
 * one, so a diff, which is easy to show over a shoulder or paste in a ticket, hides their values.
 */
export const SECRET_HEADER_WORDS = ['auth', 'token', 'secret', 'key', 'password', 'signature', 'cookie', 'session'] as const
const SECRET_HEADER_NAME = new RegExp(SECRET_HEADER_WORDS.join('|'), 'i')

/** What a diff shows instead of a secret header's value. */
export const MASKED_VALUE = '••••'

export function isSecretHeaderName(name: string): boolean {
  return SECRET_HEADER_NAME.test(name)
}

type AccountNames = readonly Pick<Account, 'id' | 'name' | 'storeName' | 'storeHash' | 'tokenMask'>[]

function diffAccount(id: string | null, accounts: AccountNames): DiffAccount {
  const account = id === null ? undefined : accounts.find((candidate) => candidate.id === id)
  return {
    id,
    store: account
      ? { name: account.name, storeName: account.storeName, storeHash: account.storeHash, tokenMask: account.tokenMask }
      : null,
  }
}

/**
 * Headers are matched by name, ignoring letter case and the spaces around a draft's names (the
 * saved names are trimmed), in order, so a repeated name in a draft pairs with a repeated one.
 * Order alone is no change: BigCommerce keeps headers as an object. Changed and removed headers
 * come in the older side's order, then the added ones in the newer side's.
 */
function diffHeaders(from: readonly CustomHeader[], to: readonly CustomHeader[]): HeaderChange[] {
  const key = (header: CustomHeader) => header.name.trim().toLowerCase()
  const unmatched = to.map((header) => ({ header, matched: false }))
  const changes: HeaderChange[] = []
  for (const older of from) {
    const pair = unmatched.find((candidate) => !candidate.matched && key(candidate.header) === key(older))
    const olderName = older.name.trim()
    if (!pair) {
      const secret = isSecretHeaderName(olderName)
      changes.push({
        change: 'removed',
        name: olderName,
        previousName: null,
        from: secret ? MASKED_VALUE : older.value,
        to: null,
        valueChanged: true,
        secret,
      })
      continue
    }
    pair.matched = true
    const newerName = pair.header.name.trim()
    const valueChanged = pair.header.value !== older.value
    if (!valueChanged && newerName === olderName) continue
    const secret = isSecretHeaderName(newerName)
    changes.push({
      change: 'changed',
      name: newerName,
      previousName: newerName === olderName ? null : olderName,
      from: secret ? MASKED_VALUE : older.value,
      to: secret ? MASKED_VALUE : pair.header.value,
      valueChanged,
      secret,
    })
  }
  for (const { header, matched } of unmatched) {
    if (matched) continue
    const name = header.name.trim()
    const secret = isSecretHeaderName(name)
    changes.push({
      change: 'added',
      name,
      previousName: null,
      from: null,
      to: secret ? MASKED_VALUE : header.value,
      valueChanged: true,
      secret,
    })
  }
  return changes
}

/** What changes from `from` to `to`. `accounts` names the stores; an unknown id gets `store: null`. */
export function diffTriggerConfigs(from: DiffableConfig, to: DiffableConfig, accounts: AccountNames = []): TriggerDiff {
  return {
    account:
      from.accountId === to.accountId ? null : { from: diffAccount(from.accountId, accounts), to: diffAccount(to.accountId, accounts) },
    event: from.event === to.event ? null : { from: from.event, to: to.event },
    headers: diffHeaders(from.headers, to.headers),
  }
}

export function isEmptyDiff(diff: TriggerDiff): boolean {
  return diff.account === null && diff.event === null && diff.headers.length === 0
}
