import { appendIndex, appendKey } from './json-viewer/json-path'
import { isContainer } from './json-viewer/json-type'

/**
 * One difference between two JSON values, at a path written as the viewer writes paths
 * (`data.id`, `items[0].name`). A subtree only one side has is one entry, not one per leaf;
 * a value whose type differs is `changed`, its insides not compared.
 */
export type JsonDiffEntry =
  | { kind: 'added'; path: string; right: unknown }
  | { kind: 'removed'; path: string; left: unknown }
  | { kind: 'changed'; path: string; left: unknown; right: unknown }

export type JsonDiff = {
  entries: JsonDiffEntry[]
  /** Leaves (scalars and empty containers) equal on both sides. */
  unchanged: number
}

/**
 * What changed from `left` to `right`, in document order: objects by key (left's keys first,
 * then those only right has), arrays by index, scalars by value.
 */
export function diffJson(left: unknown, right: unknown): JsonDiff {
  const diff: JsonDiff = { entries: [], unchanged: 0 }
  compare(left, right, '', diff)
  return diff
}

function compare(left: unknown, right: unknown, path: string, diff: JsonDiff): void {
  if (Array.isArray(left) && Array.isArray(right)) {
    const length = Math.max(left.length, right.length)
    if (length === 0) diff.unchanged += 1
    for (let index = 0; index < length; index += 1) {
      const itemPath = appendIndex(path, index)
      if (index >= left.length) diff.entries.push({ kind: 'added', path: itemPath, right: right[index] })
      else if (index >= right.length) diff.entries.push({ kind: 'removed', path: itemPath, left: left[index] })
      else compare(left[index], right[index], itemPath, diff)
    }
    return
  }
  if (isObject(left) && isObject(right)) {
    let keys = 0
    for (const key in left) {
      if (!Object.hasOwn(left, key)) continue
      keys += 1
      const keyPath = appendKey(path, key)
      if (Object.hasOwn(right, key)) compare(left[key], right[key], keyPath, diff)
      else diff.entries.push({ kind: 'removed', path: keyPath, left: left[key] })
    }
    for (const key in right) {
      if (!Object.hasOwn(right, key) || Object.hasOwn(left, key)) continue
      keys += 1
      diff.entries.push({ kind: 'added', path: appendKey(path, key), right: right[key] })
    }
    if (keys === 0) diff.unchanged += 1
    return
  }
  if (left === right) diff.unchanged += 1
  else diff.entries.push({ kind: 'changed', path, left, right })
}

function isObject(value: unknown): value is Record<string, unknown> {
  return isContainer(value) && !Array.isArray(value)
}
