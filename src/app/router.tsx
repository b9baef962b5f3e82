import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react'

/**
 * A tiny History-API router: two routes do not justify a router library, and the first
 * page has to stay small.
 */
const NAVIGATE_EVENT = 'app:navigate'

/**
 * The path the user last moved to within the app, until its page heading takes focus. Null after
 * a fresh load, where the browser has already put focus at the top of the document.
 */
let arrivedAt: string | null = null

function subscribe(onChange: () => void) {
  function onPopState() {
    arrivedAt = window.location.pathname
    onChange()
  }
  window.addEventListener('popstate', onPopState)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onPopState)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

/**
 * True once after the user moved to the current path within the app: its page heading should
 * take focus. Once, so a heading that mounts later on the same page (after a reload of its data,
 * say) leaves focus where the user has put it since.
 */
export function takeArrivalFocus(): boolean {
  if (arrivedAt === null || arrivedAt !== window.location.pathname) return false
  arrivedAt = null
  return true
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname)
}

export function navigate(path: string) {
  if (path === window.location.pathname) return
  window.history.pushState(null, '', path)
  arrivedAt = window.location.pathname
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
