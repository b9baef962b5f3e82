/** A stored ISO time in the reader's locale and time zone, e.g. "Jul 15, 2031, 10:30:00 AM". */
export function formatTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
}
