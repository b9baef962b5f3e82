import type { RecordKind, StoreState } from './store-state'

/**
 * The simulator's own page (not BigCommerce's): the credentials to paste into the app, and one
 * button per record kind, so a person trying `npm run demo` can make a delivery happen.
 */

/** What a person can make happen in a store, by its button's words; the in-browser demo offers them too. */
export const RECORD_ACTIONS: readonly { kind: RecordKind; label: string }[] = [
  { kind: 'product', label: 'Create a product' },
  { kind: 'customer', label: 'Create a customer' },
  { kind: 'order', label: 'Create an order (from a cart)' },
  { kind: 'shipment', label: 'Ship the latest order' },
]

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

export function controlPage(options: { stores: readonly StoreState[]; created: string | undefined; problem: string | undefined }): string {
  const message = options.problem
    ? `<p role="alert">${escapeHtml(options.problem)}</p>`
    : options.created
      ? `<p role="status">Created ${escapeHtml(options.created)}. Active webhooks of the store were notified.</p>`
      : ''
  const stores = options.stores
    .map((store) => {
      const accounts = store.accounts
        .map(
          (account) =>
            `<tr><th scope="row">${escapeHtml(account.name)}</th><td><code>${escapeHtml(account.accessToken)}</code></td><td>${account.clientSecret ? `<code>${escapeHtml(account.clientSecret)}</code>` : 'none (deliveries unsigned)'}</td><td>${escapeHtml(account.scopes.join(', ') || 'default scope only')}</td></tr>`,
        )
        .join('')
      const buttons = RECORD_ACTIONS.map(
        ({ kind, label }) =>
          `<form method="post" action="/__simulator/stores/${encodeURIComponent(store.hash)}/create/${kind}"><button type="submit">${label}</button></form>`,
      ).join('')
      const hooks =
        store.hooks.length === 0
          ? '<p>No webhooks registered yet.</p>'
          : `<ul>${store.hooks
              .map(
                (hook) =>
                  `<li><code>${escapeHtml(hook.scope)}</code> → <code>${escapeHtml(hook.destination)}</code>${hook.is_active ? '' : store.deactivatedHookIds.includes(hook.id) ? ' (deactivated)' : ' (inactive)'}</li>`,
              )
              .join('')}</ul>`
      return `<section aria-labelledby="store-${escapeHtml(store.hash)}">
<h2 id="store-${escapeHtml(store.hash)}">${escapeHtml(store.name)}</h2>
<dl><dt>Store Hash</dt><dd><code>${escapeHtml(store.hash)}</code></dd><dt>Store ID</dt><dd><code>${escapeHtml(store.storeId)}</code></dd></dl>
<table><caption>Access Tokens</caption><thead><tr><th scope="col">API account</th><th scope="col">Access Token</th><th scope="col">Client Secret</th><th scope="col">OAuth scopes</th></tr></thead><tbody>${accounts}</tbody></table>
<h3>Make something happen</h3><div class="actions">${buttons}</div>
<h3>Webhooks</h3>${hooks}
</section>`
    })
    .join('')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>BigCommerce simulator</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left}.actions{display:flex;gap:.5rem;flex-wrap:wrap}button{font:inherit;padding:.4rem .8rem}[role=alert]{color:#a00}</style>
</head><body><main>
<h1>BigCommerce simulator</h1>
<p>A fake BigCommerce store for local use. Paste a Store Hash and Access Token into the app, register a trigger, then create a record here to send a webhook delivery.</p>
<p>Action steps can send to a <a href="/bin">request bin</a> here: any request to <code>/bin/demo</code> is kept and shown on its page.</p>
${message}${stores}
</main></body></html>`
}
