import { execFile } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import postgres from 'postgres'

/**
 * A PostgreSQL cluster of a test's own, which the test may stop (`pg_ctl stop -m immediate`, as a
 * crash or an operator would) and start again: the shared one of DATABASE_URL_TEST serves other
 * tests meanwhile. Made as scripts/postgres-test-cluster.sh makes that one (initdb and pg_ctl of
 * Debian's postgresql, as the `postgres` user when run as root, as CI is). It listens on a
 * socket in its own folder only, never on a TCP port, so it needs no free port; clients find it
 * through PGHOST (postgres.js reads it when the URL names no host) and `postgres:///name` URLs.
 */
export type OwnPostgres = {
  /** `postgres:///{database}`: with `env`, a client connects to this cluster's socket. */
  url(database: string): string
  /** PGHOST and PGUSER, for a server process (and this one's clients) to reach the cluster. */
  env: { PGHOST: string; PGUSER: string }
  /** An administrator's connection options, for a client in this process. */
  admin(database?: string): postgres.Sql
  /** `pg_ctl stop -m immediate`: every session is cut at once and nothing more connects. */
  stop(): Promise<void>
  /** Starts it again (after its crash recovery), waiting until it takes connections. */
  start(): Promise<void>
  /** SIGSTOP to the server and every process of it: connections stay open, and nothing answers. */
  freeze(): Promise<void>
  /** SIGCONT: it answers again, what it was sent meanwhile first. */
  thaw(): Promise<void>
  /** Stops it and removes its files. */
  destroy(): Promise<void>
}

const run = promisify(execFile)

/** The newest installed PostgreSQL's bin folder (Debian's layout), or null when none is. */
export function postgresBinaries(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root)
    .filter((version) => existsSync(path.join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b))
  const newest = versions.at(-1)
  return newest === undefined ? null : path.join(root, newest, 'bin')
}

/** True where no PostgreSQL is installed; in CI, where it always is, its absence is a failure. */
export function ownPostgresSkipped(): boolean {
  if (postgresBinaries()) return false
  if (process.env['CI']) throw new Error('PostgreSQL is not installed; CI installs it (see .ci/run).')
  return true
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = postgresBinaries()
  if (!bin) throw new Error('PostgreSQL is not installed: apt-get install postgresql')
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bigcommerce-trigger-own-pg-'))
  const asRoot = process.getuid?.() === 0
  // PostgreSQL refuses to run as root: its user owns the folder and runs the commands.
  if (asRoot) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), 0)
  const pg = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args]) : run(path.join(bin, command), args)
  const data = path.join(dir, 'data')
  await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres'])
  const start = async () => {
    await pg('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-o', `-c listen_addresses='' -k ${dir}`, 'start'])
  }
  await start()
  const env = { PGHOST: dir, PGUSER: 'postgres' }
  /** The postmaster (first line of postmaster.pid), then its children, the sessions among them (Linux's /proc). */
  async function signalAll(signal: 'SIGSTOP' | 'SIGCONT'): Promise<void> {
    const postmaster = Number((await readFile(path.join(data, 'postmaster.pid'), 'utf8')).split('\n')[0])
    const children: number[] = []
    for (const entry of await readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue
      // `pid (name) state ppid …`: the name may hold spaces, so the fields after its last ')'.
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster) children.push(Number(entry))
    }
    for (const pid of [postmaster, ...children]) process.kill(pid, signal)
  }
  let running = true
  return {
    url: (database) => `postgres:///${database}`,
    env,
    admin: (database = 'postgres') => postgres({ host: dir, user: 'postgres', database, max: 1, onnotice: () => undefined }),
    async stop() {
      await pg('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'])
      running = false
    },
    async start() {
      await start()
      running = true
    },
    freeze: () => signalAll('SIGSTOP'),
    thaw: () => signalAll('SIGCONT'),
    async destroy() {
      if (running) await signalAll('SIGCONT').catch(() => undefined)
      if (running) await pg('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
