import { useEffect, useId, useRef, type ReactNode } from 'react'
import { createPortal } from 'react-dom'

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

type ModalDialogProps = {
  title: string
  onClose: () => void
  children: ReactNode
  /** Id of the element to focus on open; defaults to the first focusable element. */
  initialFocusId?: string
  className?: string
}

/**
 * A modal dialog per the WAI-ARIA dialog pattern: focus moves in, Tab stays inside, Escape
 * closes, and focus returns to whatever opened it. The rest of the page is made inert so
 * screen readers cannot wander behind it either. `showModal()` would do most of this, but
 * jsdom lacks it, and the component tests need the same behaviour the browser gets.
 */
export function ModalDialog({ title, onClose, children, initialFocusId, className }: ModalDialogProps) {
  const titleId = useId()
  const dialogRef = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const host = dialog.parentElement
    const inerted: HTMLElement[] = []
    for (const sibling of Array.from(document.body.children)) {
      if (sibling instanceof HTMLElement && sibling !== host && !sibling.inert) {
        sibling.inert = true
        inerted.push(sibling)
      }
    }
    const initial = (initialFocusId && document.getElementById(initialFocusId)) || dialog.querySelector<HTMLElement>(FOCUSABLE)
    ;(initial ?? dialog).focus()
    return () => {
      for (const element of inerted) element.inert = false
      if (opener?.isConnected) opener.focus()
    }
  }, [initialFocusId])

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const dialog = dialogRef.current
      if (!dialog) return
      if (event.key === 'Escape') {
        event.preventDefault()
        onClose()
        return
      }
      if (event.key !== 'Tab') return
      const focusable = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE))
      const first = focusable[0]
      const last = focusable[focusable.length - 1]
      if (!first || !last) return
      const active = document.activeElement
      if (event.shiftKey && (active === first || active === dialog || !dialog.contains(active))) {
        event.preventDefault()
        last.focus()
      } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
        event.preventDefault()
        first.focus()
      }
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [onClose])

  return createPortal(
    <div className="modal-backdrop">
      <dialog
        ref={dialogRef}
        open
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={['modal', className].filter(Boolean).join(' ')}
        // React carries events up the component tree, through the portal: a form in the dialog
        // (Authorize) would otherwise also submit the page's form it was opened from (Proceed).
        onSubmit={(event) => event.stopPropagation()}
      >
        <h2 id={titleId} className="modal-title">
          {title}
        </h2>
        {children}
      </dialog>
    </div>,
    document.body,
  )
}
