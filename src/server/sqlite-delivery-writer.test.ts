// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createDeliveryWriterThread } from './sqlite-delivery-writer'
import type { DeliveryRow } from './sqlite-delivery-writes'
import { openDatabase } from './sqlite-storage'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'delivery-writer-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const row = (id: string, hash: string, triggerId = 'trg_1'): DeliveryRow => ({
  id,
  trigger_id: triggerId,
  hash,
  received_at: '2026-01-01T00:00:00.000Z',
  payload_json: '{"scope":"store/order/created"}',
  authenticated_by: 'secret',
})

/** A database with one automation, whose trigger `trg_1` deliveries can be written for. */
function openWithTrigger(file: string) {
  const db = openDatabase(file)
  db.prepare(
    "INSERT INTO automations (id, name, created_at, updated_at, trigger_id, trigger_json) VALUES ('a', 'A', 'x', 'x', 'trg_1', '{}')",
  ).run()
  return db
}

describe('the delivery writer thread', () => {
  it('writes a batch in one go and says what became of each row', async () => {
    const file = path.join(dir, 'app.db')
    const db = openWithTrigger(file)
    const writer = createDeliveryWriterThread(file)
    const outcomes = await writer.write([row('d1', 'h1'), row('d2', 'h1'), row('d3', 'h3', 'gone')])
    expect(outcomes).toEqual(['inserted', 'duplicate', { constraint: 'FOREIGN KEY constraint failed' }])
    await writer.close()
    expect(db.prepare('SELECT id, duplicates FROM deliveries ORDER BY id').all()).toEqual([{ id: 'd1', duplicates: 1 }])
    db.close()
  })

  it('writes the batches waiting for it together, and tells each batch what became of its own rows', async () => {
    const file = path.join(dir, 'app.db')
    const db = openWithTrigger(file)
    const writer = createDeliveryWriterThread(file)
    // Sent at once, all three wait while the thread starts: it takes them in one transaction.
    const outcomes = await Promise.all([
      writer.write([row('d1', 'h1'), row('d2', 'h2')]),
      writer.write([row('d3', 'h3', 'gone')]),
      writer.write([row('d4', 'h4'), row('d5', 'h1'), row('d6', 'h6')]),
    ])
    expect(outcomes).toEqual([
      ['inserted', 'inserted'],
      [{ constraint: 'FOREIGN KEY constraint failed' }],
      ['inserted', 'duplicate', 'inserted'],
    ])
    await writer.close()
    expect(db.prepare('SELECT id FROM deliveries ORDER BY id').pluck().all()).toEqual(['d1', 'd2', 'd4', 'd6'])
    db.close()
  })

  it('copies what it commits into the database file soon, without waiting for the WAL to fill', async () => {
    const file = path.join(dir, 'app.db')
    const db = openWithTrigger(file)
    const before = statSync(file).size
    const writer = createDeliveryWriterThread(file)
    // About 100 pages of rows: far fewer than the writer's own checkpoint waits for.
    const payload = JSON.stringify({ scope: 'store/order/created', padding: 'x'.repeat(4000) })
    const rows = Array.from({ length: 100 }, (_, index) => ({ ...row(`d${index}`, `h${index}`), payload_json: payload }))
    // Two commits close together: the checkpoint thread is told of the first one only.
    await writer.write([row('first', 'first')])
    await writer.write(rows)
    // Only a checkpoint writes to the database file itself; until then the rows are in the WAL.
    await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(before + 100 * 4000), { timeout: 5000 })
    await writer.close()
    expect(db.prepare('SELECT count(*) AS count FROM deliveries').get()).toEqual({ count: 101 })
    db.close()
  })

  it('refuses the batches of a thread that cannot write, and starts a new one for the next batch', async () => {
    const file = path.join(dir, 'later', 'app.db')
    const writer = createDeliveryWriterThread(file)
    await expect(writer.write([row('d1', 'h1')])).rejects.toThrow(/directory does not exist|unable to open/)
    mkdirSync(path.dirname(file))
    openDatabase(file).close()
    await expect(writer.write([row('d1', 'h1')])).resolves.toEqual([{ constraint: 'FOREIGN KEY constraint failed' }])
    await writer.close()
  })
})
