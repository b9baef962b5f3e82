import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'
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
 * screen readers cannot wander behind the dialog either.
 */
export function ModalDialog({ title, onClose, children, initialFocusId, className }: ModalDialogProps) {
  const titleId = useId()
  const dialogRef = useRef<HTMLDivElement>(null)
  const onCloseRef = useRef(onClose)
  onCloseRef.current = onClose

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

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.stopPropagation()
      onCloseRef.current()
      return
    }
    if (event.key !== 'Tab' || !dialogRef.current) return
    const focusable = Array.from(dialogRef.current.querySelectorAll<HTMLElement>(FOCUSABLE))
    const first = focusable[0]
    const last = focusable[focusable.length - 1]
    if (!first || !last) return
    if (event.shiftKey && (document.activeElement === first || document.activeElement === dialogRef.current)) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return createPortal(
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={['modal', className].filter(Boolean).join(' ')}
        onKeyDown={handleKeyDown}
      >
        <h2 id={titleId} className="modal-title">
          {title}
        </h2>
        {children}
      </div>
    </div>,
    document.body,
  )
}
