import * as z from 'zod/mini'
import { eventScopeSchema } from './events'
import { savedTriggerSchema } from './trigger-config'

/** Versions: a trigger's saved versions, a page of them, and what differs between two. */

/** How many versions one page of the list holds. */
export const VERSIONS_PAGE_SIZE = 20

/** A version number as a URL has it: a whole number from 1. */
const versionParamSchema = z.pipe(
  z.string().check(z.regex(/^[1-9][0-9]{0,8}$/, 'A version is a whole number from 1.')),
  z.transform((text) => Number(text)),
)

/** A version, or the draft. */
export const versionRefSchema = z.union([z.literal('draft'), z.number()])

export type VersionRef = z.infer<typeof versionRefSchema>

/** `?before=N`: the page of versions older than N; without it, the newest page. */
export const listTriggerVersionsQuerySchema = z.object({ before: z.optional(versionParamSchema) })

export const triggerVersionParamsSchema = z.object({ version: versionParamSchema })

/** `?from=1&to=3`, either of them `draft`. */
export const triggerDiffQuerySchema = z.object({
  from: z.union([z.literal('draft'), versionParamSchema]),
  to: z.union([z.literal('draft'), versionParamSchema]),
})

/** Newest first. `nextBefore` asks for the next (older) page; null when this is the last. */
export const listTriggerVersionsResponseSchema = z.object({
  versions: z.array(savedTriggerSchema),
  nextBefore: z.nullable(z.number()),
})

export type TriggerVersionsPage = z.infer<typeof listTriggerVersionsResponseSchema>

/** An account as a diff names it: its name and store, or null when none is chosen or it is gone. */
const diffAccountSchema = z.object({
  id: z.nullable(z.string()),
  store: z.nullable(z.object({ name: z.string(), storeName: z.string(), storeHash: z.string(), tokenMask: z.string() })),
})

export type DiffAccount = z.infer<typeof diffAccountSchema>

/**
 * One custom header that differs, matched by name whatever its letter case. Values of headers
 * whose name looks secret (`isSecretHeaderName`) are masked, never sent.
 */
export const headerChangeSchema = z.object({
  change: z.enum(['added', 'removed', 'changed']),
  /** As the newer side names it (the older side, when removed). */
  name: z.string(),
  /** The older side's name when only its letter case differs; null otherwise. */
  previousName: z.nullable(z.string()),
  /** Null on the side that lacks the header. */
  from: z.nullable(z.string()),
  to: z.nullable(z.string()),
  valueChanged: z.boolean(),
  secret: z.boolean(),
})

export type HeaderChange = z.infer<typeof headerChangeSchema>

/** What differs between two configurations, field by field; null or empty where nothing does. */
export const triggerDiffSchema = z.object({
  account: z.nullable(z.object({ from: diffAccountSchema, to: diffAccountSchema })),
  event: z.nullable(z.object({ from: z.nullable(eventScopeSchema), to: z.nullable(eventScopeSchema) })),
  headers: z.array(headerChangeSchema),
})

export type TriggerDiff = z.infer<typeof triggerDiffSchema>

export const triggerVersionsDiffSchema = z.object({ from: versionRefSchema, to: versionRefSchema, diff: triggerDiffSchema })

export type TriggerVersionsDiff = z.infer<typeof triggerVersionsDiffSchema>
