import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react'

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

/**
 * Where each entry sits in the tab's history, stored in its state: a popstate event says neither
 * which way nor how far the user went, and undoing a held move needs both. Entries the router did
 * not make (the first load, a fragment link's entry) get a number when the router first sees them.
 */
function entryIndex(state: unknown): number | null {
  return typeof state === 'object' && state !== null && 'idx' in state && typeof state.idx === 'number' ? state.idx : null
}

/** The entry the app shows; during a held move the browser's location has already moved on. */
let shown = { path: '', idx: 0 }

function adoptCurrentEntry(idx: number) {
  shown = { path: window.location.pathname, idx }
  if (entryIndex(window.history.state) !== idx) window.history.replaceState({ idx }, '')
}

/**
 * Asks before the user leaves the page they are on; returns true to hold the move, and then calls
 * `leave` if the user confirms. One per page at most: only the page on screen can have unsaved work.
 */
type LeaveGuard = (leave: () => void) => boolean
let leaveGuard: LeaveGuard | null = null

/** Set while the router itself moves through history: the pop it causes is not the user's. */
let ownTraversal: 'undo' | 'leave' | null = null
/** The path the app keeps showing while a held move is being undone. */
let heldPath: string | null = null

function subscribe(onChange: () => void) {
  adoptCurrentEntry(entryIndex(window.history.state) ?? shown.idx)
  function onPopState() {
    const path = window.location.pathname
    const idx = entryIndex(window.history.state)
    if (ownTraversal === 'undo') {
      // Back where the held move started: nothing changed for the app.
      ownTraversal = null
      heldPath = null
      return
    }
    const guarded = ownTraversal !== 'leave' && path !== shown.path && leaveGuard !== null
    ownTraversal = null
    if (guarded) {
      // Only entries a test's bare pushState made can leave the numbers unable to tell; a step
      // back is then the likely move (and go(0) would reload the page).
      const delta = idx !== null && idx !== shown.idx ? idx - shown.idx : -1
      const leave = () => {
        ownTraversal = 'leave'
        window.history.go(delta)
      }
      if (leaveGuard?.(leave)) {
        // Undo the move with the opposite one, so the entries on either side stay as they were
        // and Leave can repeat the move later. pushState would cut off the entries ahead.
        ownTraversal = 'undo'
        heldPath = shown.path
        window.history.go(-delta)
        return
      }
    }
    // An unnumbered entry on the same path is a fragment link's, just after the one it was made
    // from; elsewhere only a test's bare pushState makes one, taken as a step back as above.
    adoptCurrentEntry(idx ?? (path === shown.path ? shown.idx + 1 : shown.idx - 1))
    arrivedAt = path
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
  return useSyncExternalStore(subscribe, () => heldPath ?? window.location.pathname)
}

/** Moves to `path` without asking: for moves the page itself makes (after a delete, say). */
export function navigate(path: string) {
  if (path === window.location.pathname) return
  const idx = (entryIndex(window.history.state) ?? shown.idx) + 1
  window.history.pushState({ idx }, '', path)
  shown = { path, idx }
  arrivedAt = window.location.pathname
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
}

/** Moves to `path` as the user asked, unless the page holds the move to ask first. */
function navigateAsked(path: string) {
  if (path === window.location.pathname) return
  if (leaveGuard?.(() => navigate(path))) return
  navigate(path)
}

export type LeaveConfirmation = {
  /** True while the page should ask whether to leave. */
  asking: boolean
  /** Completes the move the user asked for. */
  leave: () => void
  /** Drops it; the user stays on the page. */
  stay: () => void
}

/**
 * Holds every move off the page the user asks for (an in-app link, Back, Forward) while
 * `mustAsk()` is true, so the page can ask first. A reload or closing the tab is the
 * beforeunload prompt's job: a page cannot show its own dialog then.
 */
export function useLeaveGuard(mustAsk: () => boolean): LeaveConfirmation {
  const [pendingLeave, setPendingLeave] = useState<(() => void) | null>(null)
  // The latest condition, read at the moment of leaving; the guard stays registered meanwhile.
  const mustAskRef = useRef(mustAsk)
  useLayoutEffect(() => {
    mustAskRef.current = mustAsk
  })
  useEffect(() => {
    // The page may have been reached by a test's bare pushState, which the router did not see.
    adoptCurrentEntry(entryIndex(window.history.state) ?? shown.idx)
    const guard: LeaveGuard = (leave) => {
      if (!mustAskRef.current()) return false
      setPendingLeave(() => leave)
      return true
    }
    leaveGuard = guard
    return () => {
      if (leaveGuard === guard) leaveGuard = null
    }
  }, [])
  return {
    asking: pendingLeave !== null,
    leave: () => {
      setPendingLeave(null)
      pendingLeave?.()
    },
    stay: () => setPendingLeave(null),
  }
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

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }

/** A real link (so middle-click and "open in new tab" work) that navigates in-app on a plain click. */
export function Link({ href, onClick, children, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event)
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigateAsked(href)
  }
  return (
    <a href={href} onClick={handleClick} {...rest}>
      {children}
    </a>
  )
}
