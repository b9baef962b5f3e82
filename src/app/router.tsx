import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react'

/**
 * A tiny History-API router: two routes do not justify a router library, and the first
 * page has to stay small.
 */
const NAVIGATE_EVENT = 'app:navigate'

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname)
}

export function navigate(path: string) {
  if (path === window.location.pathname) return
  window.history.pushState(null, '', path)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
}

export function automationPath(automationId: string) {
  return `/automations/${encodeURIComponent(automationId)}`
}

export type Route = { name: 'automations' } | { name: 'automation'; automationId: string } | { name: 'notFound' }

export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'automations' }
  const automation = /^\/automations\/([^/]+)\/?$/.exec(pathname)
  if (automation?.[1]) return { name: 'automation', automationId: decodeURIComponent(automation[1]) }
  return { name: 'notFound' }
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & {
  href: string
  /** Return false to stay (e.g. to ask first); the link then does nothing. */
  beforeNavigate?: () => boolean
}

/** A real link (so middle-click and "open in new tab" work) that navigates in-app on a plain click. */
export function Link({ href, beforeNavigate, onClick, children, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event)
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    if (beforeNavigate && !beforeNavigate()) return
    navigate(href)
  }
  return (
    <a href={href} onClick={handleClick} {...rest}>
      {children}
    </a>
  )
}
