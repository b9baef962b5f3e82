// Apart from the viewer, so the output can name its downloads without loading the viewer.

/** `Webhook payload` → `webhook-payload`, for a download's file name. */
export function slugify(label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return slug === '' ? 'data' : slug
}
