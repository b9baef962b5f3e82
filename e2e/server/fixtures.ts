import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { test as base, expect } from '@playwright/test'
import { ROOT, SERVER_ENTRY } from '../../scripts/builds.mjs'
import { startSimulatorServer, tunnelHooksTo } from '../../src/bigcommerce/simulator/simulator-server'
import { createTestDatabase } from '../../src/server/postgres-test-database'
import { failOnPageErrors } from '../demo/wizard-steps'
import { startBigcommerceGate, type BigcommerceGate } from './bigcommerce-gate'
import { SIMULATED_STORES } from './simulator-api'

/**
 * The real thing, per test: the Node server as a child process (SQLite in a temp DATA_DIR) and
 * the BigCommerce simulator over HTTP on loopback. The server believes it is reachable at
 * PUBLIC_URL (https, as BigCommerce requires); the simulator delivers hooks registered for that
 * address to the server's real port, as an https tunnel would.
 */
type ServerStack = {
  /** The server, e.g. `http://127.0.0.1:41234`; also the page's `baseURL`. */
  baseURL: string
  /** BigCommerce's API base as the server sees it (paths `/stores/{hash}/v3/…`), plus `/__simulator/…`. */
  simulatorUrl: string
  /** The server's DATA_DIR; it outlives restarts and is removed after the test. */
  dataDir: string
  /** Stops the server (SIGTERM, graceful) and starts it again on the same port and DATA_DIR. */
  restartServer(): Promise<void>
  /** `kill -9` of the server: no shutdown code runs. `startServer()` brings it back. */
  killServer(): Promise<void>
  startServer(): Promise<void>
  /** Sits between the server and the simulator: holds a call so a test can kill the server inside it. */
  gate: BigcommerceGate
  /** Everything the server printed so far, across restarts. */
  serverLog(): string
  /**
   * Another server process on the same storage (only with `databaseUrl`: SQLite is one
   * machine's file), as a second instance behind a load balancer; stopped after the test.
   */
  startAnotherInstance(): Promise<{ baseURL: string; stop(): Promise<void> }>
}

export const PUBLIC_URL = 'https://demo.invalid'

const READY_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 5_000

/** Resolves once the child has exited (at once if it already has). */
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
  await exited(child)
  clearTimeout(timer)
}

type Fixtures = {
  stack: ServerStack
  failOnPageErrors: void
  /** PostgreSQL for the server instead of SQLite in DATA_DIR (`test.use({ databaseUrl })`). */
  databaseUrl: string | null
  /** More environment for every server process, such as PGHOST for a database on a socket. */
  serverEnv: Record<string, string>
}
// `provide` is Playwright's `use`: named so the React hooks lint rule does not mistake it for a hook.
// The server it starts was built by the global setup (e2e/build-the-server.ts).
export const test = base.extend<Fixtures>({
  databaseUrl: [null, { option: true }],
  serverEnv: [{}, { option: true }],

  stack: async ({ databaseUrl, serverEnv }, provide, testInfo) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bc-trigger-e2e-'))
    /** The server's address, known once it first listens; restarts keep it. */
    let baseURL = ''

    // In this worker: a hook for https://demo.invalid/hooks/… is delivered to the server.
    const simulator = await startSimulatorServer({
      stores: SIMULATED_STORES,
      rewriteDestination: (destination) => tunnelHooksTo(baseURL)(destination),
    })
    const gate = await startBigcommerceGate(simulator.url)

    const log: string[] = []
    let server: ChildProcess | null = null

    /**
     * A server process on `instancePort`, or on a port the system picks (0), as its log says: a
     * port found free beforehand could be taken before the server listens. Resolved with its
     * address once it answers; its output goes to the log.
     */
    async function spawnServer(instancePort: number, name: string): Promise<{ child: ChildProcess; url: string }> {
      const child = spawn(process.execPath, ['--enable-source-maps', SERVER_ENTRY], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          PORT: String(instancePort),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          PUBLIC_URL,
          BIGCOMMERCE_API_URL: gate.url,
          // One key for every instance, as a shared database needs (see the README).
          SECRET_KEY: databaseUrl ? 'e2e0'.repeat(16) : '',
          DATABASE_URL: databaseUrl ?? '',
          // Runs at start-up and after changes only, so a test sees each run it causes.
          RECONCILE_INTERVAL_SECONDS: '0',
          ...serverEnv,
        },
      })
      const prefix = name === 'server' ? '' : `[${name}] `
      // Its address, from the log line that says it listens (which may come in pieces).
      let url: string | undefined
      let untilListening = ''
      child.stdout?.on('data', (chunk: Buffer) => {
        log.push(prefix + chunk.toString())
        if (url !== undefined) return
        untilListening += chunk.toString()
        url = /is running at (http:\/\/[^\s"]+)/.exec(untilListening)?.[1]
      })
      child.stderr?.on('data', (chunk: Buffer) => log.push(prefix + chunk.toString()))

      const deadline = Date.now() + READY_TIMEOUT_MS
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`The ${name} exited before it was ready (${child.signalCode ?? `exit code ${child.exitCode}`}):\n${log.join('')}`)
        }
        if (url !== undefined) {
          try {
            const response = await fetch(`${url}/api/info`)
            await response.body?.cancel()
            if (response.ok) return { child, url }
          } catch {
            // Not answering yet.
          }
        }
        if (Date.now() > deadline) {
          await stopChild(child)
          throw new Error(`The ${name} did not answer /api/info within ${READY_TIMEOUT_MS / 1000}s:\n${log.join('')}`)
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }

    /** The first start takes a port the system picks; a restart takes the same one, as the page and the simulator use it. */
    async function startServer(): Promise<void> {
      const started = await spawnServer(baseURL === '' ? 0 : Number(new URL(baseURL).port), 'server')
      server = started.child
      baseURL = started.url
    }
    const others: ChildProcess[] = []

    try {
      await startServer()
      await provide({
        baseURL,
        simulatorUrl: simulator.url,
        dataDir,
        async restartServer() {
          if (server) await stopChild(server)
          log.push('--- restart ---\n')
          await startServer()
        },
        serverLog: () => log.join(''),
        async killServer() {
          if (!server) return
          const child = server
          child.kill('SIGKILL')
          await exited(child)
          log.push('--- kill -9 ---\n')
        },
        startServer,
        gate,
        async startAnotherInstance() {
          if (!databaseUrl) throw new Error('A second instance needs a shared database: test.use({ databaseUrl }).')
          const { child, url } = await spawnServer(0, `instance ${others.length + 2}`)
          others.push(child)
          return { baseURL: url, stop: () => stopChild(child) }
        },
      })
    } finally {
      for (const other of others) await stopChild(other)
      if (server) await stopChild(server)
      await gate.close()
      await simulator.close()
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('server.log', { body: log.join(''), contentType: 'text/plain' })
      }
      await rm(dataDir, { recursive: true, force: true })
    }
  },

  // The browser's own line for an HTTP error answer is not a bug: several stories here are about
  // BigCommerce refusing.
  failOnPageErrors: failOnPageErrors(/^Failed to load resource: the server responded with a status of \d{3}/),

  // Relative page.goto('/') and request.get('/api/…') go to this test's server.
  baseURL: async ({ stack }, provide) => {
    await provide(stack.baseURL)
  },
})

/**
 * `test.use({ databaseUrl: freshTestDatabase })`: the servers on PostgreSQL (DATABASE_URL_TEST),
 * in a fresh database for each test, dropped afterwards.
 */
// oxlint-disable-next-line no-empty-pattern -- Playwright requires an object pattern here
export async function freshTestDatabase({}: object, provide: (url: string) => Promise<void>): Promise<void> {
  const database = await createTestDatabase()
  await provide(database.url)
  await database.drop()
}

export { expect }
