// `npm run bench:receiver`: how many BigCommerce deliveries per second the webhook receiver
// stores (authenticated, parsed, de-duplicated, written to SQLite), and its p99 latency.
// The server runs in its own process, as in production, so autocannon does not share its event loop.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { apiRoutes, webhookPath } from '../src/contract/routes.ts'
import { TRIGGER_SECRET_HEADER } from '../src/contract/custom-headers.ts'
import { DEMO_FULL_ACCOUNT, DEMO_STORE_HASH } from '../src/bigcommerce/simulator/demo-store.ts'
import { startSimulatorServer } from '../src/bigcommerce/simulator/simulator-server.ts'
import { loadConfig } from '../src/server/config.ts'
import { openSqliteStorage } from '../src/server/server.ts'
import { ROOT as root } from './builds.mjs'

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const PUBLIC_URL = 'https://bench.invalid'
const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-receiver-'))

let serverUrl = ''
const simulator = await startSimulatorServer({
  rewriteDestination: (destination) => `${serverUrl}${new URL(destination).pathname}`,
})

const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'server', 'main.ts')], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, PUBLIC_URL, BIGCOMMERCE_API_URL: simulator.url },
})
serverUrl = await new Promise((resolve, reject) => {
  let seen = ''
  server.once('exit', (code) => reject(new Error(`The server exited (code ${code}) before listening.`)))
  server.stdout.on('data', (chunk) => {
    seen += chunk.toString()
    const match = /running at (http:\/\/\S+)/.exec(seen)
    // Keep reading afterwards (into nothing): the access log must not fill the pipe and stall the server.
    if (match?.[1]) resolve(match[1])
  })
})

async function api(method, route, body) {
  const response = await fetch(`${serverUrl}${route}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = await response.json()
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${JSON.stringify(json)}`)
  return json
}

// The same steps as a user in the UI: authorize, configure, save (which registers the hook).
const account = await api('POST', apiRoutes.accounts, {
  connector: 'bigcommerce',
  storeHash: DEMO_STORE_HASH,
  accessToken: DEMO_FULL_ACCOUNT.accessToken,
})
const automation = await api('POST', apiRoutes.automations, { name: 'Receiver benchmark' })
await api('PUT', apiRoutes.triggerDraft(automation.id), {
  draft: {
    stage: 'test',
    connector: 'bigcommerce',
    trigger: 'bigcommerce',
    accountId: account.id,
    event: 'store/product/created',
    headers: [],
  },
})
const saved = await api('POST', apiRoutes.triggerSave(automation.id))
const triggerId = saved.trigger.id
const hook = simulator.simulator
  .store(DEMO_STORE_HASH)
  ?.hooks.find((candidate) => candidate.destination === `${PUBLIC_URL}${webhookPath(triggerId)}`)
const secret = hook?.headers?.[TRIGGER_SECRET_HEADER]
if (!secret) throw new Error('The saved trigger registered no hook with a secret at the simulator.')

let sequence = 0
console.log(`Posting deliveries to ${serverUrl}${webhookPath(triggerId)} for ${DURATION_SECONDS} s over ${CONNECTIONS} connections…`)
const result = await autocannon({
  url: serverUrl,
  connections: CONNECTIONS,
  duration: DURATION_SECONDS,
  requests: [
    {
      method: 'POST',
      path: webhookPath(triggerId),
      headers: { 'Content-Type': 'application/json', [TRIGGER_SECRET_HEADER]: secret },
      // A unique `hash` per request, so every delivery is new work rather than a cheap duplicate.
      setupRequest: (request) => {
        sequence += 1
        const id = 1000 + sequence
        return {
          ...request,
          body: JSON.stringify({
            scope: 'store/product/created',
            store_id: '1001234567',
            data: { type: 'product', id },
            hash: sequence.toString(16).padStart(40, '0'),
            created_at: Math.floor(Date.now() / 1000),
            producer: `stores/${DEMO_STORE_HASH}`,
          }),
        }
      },
    },
  ],
})

await new Promise((resolve) => {
  server.once('exit', resolve)
  server.kill('SIGTERM')
})
await simulator.close()

// Count what reached the disk, after the server has closed the database.
const storage = openSqliteStorage(loadConfig({ DATA_DIR: dataDir }))
const stored = (await storage.listDeliveries(triggerId, Number.MAX_SAFE_INTEGER)).length
storage.close()
rmSync(dataDir, { recursive: true, force: true })

const ok = result['2xx']
console.log(`
Webhook receiver (POST /hooks/bigcommerce/{triggerId}, loopback, ${CONNECTIONS} connections, ${result.duration.toFixed(1)} s)
  deliveries/s     ${(ok / result.duration).toFixed(0)} (mean of per-second counts: ${result.requests.average.toFixed(0)})
  latency p50      ${result.latency.p50} ms
  latency p99      ${result.latency.p99} ms
  latency max      ${result.latency.max} ms
  2xx / non-2xx    ${ok} / ${result.non2xx}   errors ${result.errors}   timeouts ${result.timeouts}
  stored in SQLite ${stored} (includes up to ${CONNECTIONS} answered after the clock stopped)`)

// Requests still in flight when the clock stops are stored but not counted by autocannon.
if (result.non2xx > 0 || result.errors > 0 || stored < ok || stored > ok + CONNECTIONS) {
  console.error('Some deliveries failed or were not stored.')
  process.exitCode = 1
}
