// @vitest-environment node
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSqliteStorage } from './sqlite-storage'
import { createTokenCipher } from './token-cipher'

/** The reconciler's locks in a SQLite file shared by processes of one machine (the storage contract tests the rest). */

let dir: string
let file: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sqlite-locks-'))
  file = path.join(dir, 'app.db')
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})
const open = () => createSqliteStorage({ file, cipher: createTokenCipher(Buffer.alloc(32)) })

describe('SQLite locks', () => {
  it("takes over at once a lock whose holder's process was killed, before it expires", async () => {
    const storage = open()
    // Another process on this machine takes the lock and is killed (kill -9) while it holds it.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { createSqliteStorage } = await import(${JSON.stringify(pathToFileURL(path.join(import.meta.dirname, 'sqlite-storage.ts')).href)})
        const { createTokenCipher } = await import(${JSON.stringify(pathToFileURL(path.join(import.meta.dirname, 'token-cipher.ts')).href)})
        const storage = createSqliteStorage({ file: ${JSON.stringify(file)}, cipher: createTokenCipher(Buffer.alloc(32)) })
        console.log(await storage.tryLock('reconcile:t', 'dead', '2026-01-01T00:00:00Z', '2026-01-01T00:00:15Z'))
        setInterval(() => undefined, 1000)`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    try {
      const [said] = (await once(child.stdout, 'data')) as [Buffer]
      expect(said.toString().trim()).toBe('true')
      expect(await storage.tryLock('reconcile:t', 'alive', '2026-01-01T00:00:01Z', '2026-01-01T00:00:16Z')).toBe(false)
    } finally {
      child.kill('SIGKILL')
      await once(child, 'exit')
    }
    expect(await storage.tryLock('reconcile:t', 'alive', '2026-01-01T00:00:01Z', '2026-01-01T00:00:16Z')).toBe(true)
    await storage.close()
  }, 30_000)

  it('waits out the expiry of a lock held by a live process, or on another machine; an earlier life of this process is gone', async () => {
    const storage = open()
    const db = new Database(file)
    const held = (host: string, pid: number, processId: string) =>
      db
        .prepare(
          "INSERT OR REPLACE INTO locks (name, holder, expires_at, host, pid, process) VALUES ('reconcile:t', 'other', '2026-01-01T00:00:15Z', ?, ?, ?)",
        )
        .run(host, pid, processId)
    try {
      for (const [host, pid] of [
        // Our parent process runs, and another machine's cannot be checked.
        [hostname(), process.ppid],
        ['another-machine', 4_000_000],
      ] as const) {
        held(host, pid, 'another process')
        expect(await storage.tryLock('reconcile:t', 'mine', '2026-01-01T00:00:14Z', '2026-01-01T00:00:29Z')).toBe(false)
        expect(await storage.tryLock('reconcile:t', 'mine', '2026-01-01T00:00:15Z', '2026-01-01T00:00:30Z')).toBe(true)
      }
      // This process's own id under another process: a process before this one, given the same id (pid 1 in a container).
      held(hostname(), process.pid, 'an earlier life')
      expect(await storage.tryLock('reconcile:t', 'mine', '2026-01-01T00:00:01Z', '2026-01-01T00:00:16Z')).toBe(true)
    } finally {
      db.close()
      await storage.close()
    }
  })
})
