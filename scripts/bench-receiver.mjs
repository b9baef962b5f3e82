// `npm run bench:receiver`: how many BigCommerce deliveries per second the webhook receiver
// stores (authenticated, parsed, de-duplicated, written to SQLite with synchronous=FULL), and its
// latency, each beside a bare node:http server (reads the body, answers 200) measured in the same
// run under the same load: the floor. Then it counts what reached the disk: a delivery answered
// 2xx but not stored is lost; one stored twice is duplicated. Both must be 0.
// Each server runs in its own process, as in production, so autocannon does not share its event loop.
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
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100)
const PUBLIC_URL = 'https://bench.invalid'
const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-receiver-'))

/** The floor: node:http reading each body and answering 200, nothing else. */
const BARE_SERVER = `
import { createServer } from 'node:http'
const server = createServer((request, response) => {
  request.on('data', () => {})
  request.on('end', () => { response.writeHead(200, { 'content-type': 'application/json' }); response.end('{"status":"stored"}') })
})
server.listen(0, '127.0.0.1', () => console.log('running at http://127.0.0.1:' + server.address().port))
`

/** Starts a server process and resolves with its URL once it says `running at …`. */
function startProcess(args, env = process.env) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env })
  const url = new Promise((resolve, reject) => {
    let seen = ''
    child.once('exit', (code) => reject(new Error(`The server exited (code ${code}) before listening.`)))
    child.stdout.on('data', (chunk) => {
      seen += chunk.toString()
      const match = /running at (http:\/\/[^\s"]+)/.exec(seen)
      // Keep reading afterwards (into nothing): the access log must not fill the pipe and stall the server.
      if (match?.[1]) resolve(match[1])
    })
  })
  return { child, url }
}

function stopProcess(child) {
  return new Promise((resolve) => {
    child.once('exit', resolve)
    child.kill('SIGTERM')
  })
}

let sequence = 0
/** A unique delivery per request, so every one is new work rather than a cheap duplicate. */
function nextDelivery() {
  sequence += 1
  const hash = sequence.toString(16).padStart(40, '0')
  const body = JSON.stringify({
    scope: 'store/product/created',
    store_id: '1001234567',
    data: { type: 'product', id: 1000 + sequence },
    hash,
    created_at: Math.floor(Date.now() / 1000),
    producer: `stores/${DEMO_STORE_HASH}`,
  })
  return { hash, body }
}

/** Posts deliveries for DURATION_SECONDS; answers the hashes each 2xx acknowledged. */
async function load(url, pathname, headers) {
  const acknowledged = []
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    requests: [
      {
        method: 'POST',
        path: pathname,
        headers: { 'Content-Type': 'application/json', ...headers },
        setupRequest: (request, context) => {
          const delivery = nextDelivery()
          context.hash = delivery.hash
          return { ...request, body: delivery.body }
        },
        onResponse: (status, _body, context) => {
          if (status >= 200 && status < 300) acknowledged.push(context.hash)
        },
      },
    ],
  })
  return { result, acknowledged }
}

const bare = startProcess(['--input-type=module', '--eval', BARE_SERVER])
console.log(`Floor: a bare node:http server, ${DURATION_SECONDS} s over ${CONNECTIONS} connections…`)
const floor = await load(await bare.url, '/hooks/bench', {})
await stopProcess(bare.child)

let serverUrl = ''
const simulator = await startSimulatorServer({
  rewriteDestination: (destination) => `${serverUrl}${new URL(destination).pathname}`,
})

const server = startProcess(
  [
    ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []),
    '--import',
    'tsx',
    path.join(root, 'src', 'server', 'main.ts'),
  ],
  {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PUBLIC_URL,
    BIGCOMMERCE_API_URL: simulator.url,
  },
)
serverUrl = await server.url

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

console.log(`Posting deliveries to ${serverUrl}${webhookPath(triggerId)} for ${DURATION_SECONDS} s over ${CONNECTIONS} connections…`)
const ours = await load(serverUrl, webhookPath(triggerId), { [TRIGGER_SECRET_HEADER]: secret })

await stopProcess(server.child)
await simulator.close()

// Count what reached the disk, after the server has closed the database.
const storage = openSqliteStorage(loadConfig({ DATA_DIR: dataDir }))
const storedHashes = (await storage.listDeliveries(triggerId, Number.MAX_SAFE_INTEGER)).map((delivery) => delivery.hash)
storage.close()
rmSync(dataDir, { recursive: true, force: true })
const stored = new Set(storedHashes)
const lost = ours.acknowledged.filter((hash) => !stored.has(hash)).length
const duplicated = storedHashes.length - stored.size

const perSecond = (run) => run.result['2xx'] / run.result.duration
const row = (label, value, floorValue, unit) =>
  `  ${label.padEnd(14)} ${`${value.toFixed(0)} ${unit}`.padStart(12)}  ${`${floorValue.toFixed(0)} ${unit}`.padStart(12)}  ${(value / floorValue).toFixed(2)}×`
console.log(`
Webhook receiver (POST /hooks/bigcommerce/{triggerId}, loopback, ${CONNECTIONS} connections, ${DURATION_SECONDS} s each)
  ${''.padEnd(14)} ${'receiver'.padStart(12)}  ${'bare node:http'.padStart(12)}  ratio
${row('throughput', perSecond(ours), perSecond(floor), '/s')}
${row('latency p50', ours.result.latency.p50, floor.result.latency.p50, 'ms')}
${row('latency p99', ours.result.latency.p99, floor.result.latency.p99, 'ms')}
  2xx / non-2xx    ${ours.result['2xx']} / ${ours.result.non2xx}   errors ${ours.result.errors}   timeouts ${ours.result.timeouts}
  stored           ${storedHashes.length} (includes those answered after the clock stopped)
  lost             ${lost} (answered 2xx, not stored)
  duplicated       ${duplicated} (stored more than once)`)

if (ours.result.non2xx > 0 || ours.result.errors > 0 || lost > 0 || duplicated > 0) {
  console.error('Some deliveries failed, were lost or were stored twice.')
  process.exitCode = 1
}
