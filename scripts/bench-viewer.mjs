// Prints how long the JSON viewer takes to first render and to "Expand all" for 100 KB, 1 MB and 5 MB
// records, and how long the delivery log's Compare takes on two of them (diff and field matrix), in
// headless Chromium. Prints numbers only: these machines are too noisy to assert on.
// Run with `node --import tsx` (as `npm run bench` does): it shares Chromium's launch options with the e2e config.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { chromiumLaunchOptions } from '../e2e/chromium-launch-options.ts'
import react from '@vitejs/plugin-react'
import { build } from 'vite'

const root = process.cwd()
// Out of dist/, which the server serves.
const outDir = path.join(root, 'node_modules/.cache/bench-viewer')
const page = 'src/output/json-viewer/bench-viewer.html'
const sizes = [
  ['100 KB', 100_000],
  ['1 MB', 1_000_000],
  ['5 MB', 5_000_000],
]
const runs = Number(process.env.BENCH_RUNS ?? 3)

await build({
  root,
  configFile: false,
  publicDir: false,
  logLevel: 'warn',
  plugins: [react()],
  build: { outDir, emptyOutDir: true, rollupOptions: { input: path.join(root, page) } },
})

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }
const server = createServer(async (request, response) => {
  const file = path.join(outDir, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname))
  const found = file.startsWith(outDir) && (await stat(file).catch(() => null))?.isFile()
  if (!found) {
    response.writeHead(404).end()
    return
  }
  response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' })
  createReadStream(file).pipe(response)
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const address = server.address()
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/${page}`

const browser = await chromium.launch(chromiumLaunchOptions)

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const ms = (value) => `${value.toFixed(0)} ms`
const results = []
try {
  for (const [name, bytes] of sizes) {
    const samples = []
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
      const tab = await context.newPage()
      await tab.goto(`${base}?bytes=${bytes}`)
      const handle = await tab.waitForFunction(() => window.jsonViewerBench, null, { timeout: 60_000 })
      const sample = await handle.jsonValue()
      await context.close()
      if ('error' in sample) throw new Error(`${name}: ${sample.error}`)
      samples.push(sample)
    }
    const last = samples.at(-1)
    results.push({
      record: name,
      'JSON bytes': last.bytes.toLocaleString('en'),
      'first render': ms(median(samples.map((sample) => sample.firstRenderMs))),
      '(commit)': ms(median(samples.map((sample) => sample.commitMs))),
      'expand all': ms(median(samples.map((sample) => sample.expandAllMs))),
      'search, no match (incl. 150 ms debounce)': ms(median(samples.map((sample) => sample.searchMs))),
      'compare two + field matrix': ms(median(samples.map((sample) => sample.compareMs))),
      'rows after expand': last.visibleRows.toLocaleString('en'),
      'treeitems in DOM': last.renderedItems,
      'DOM elements': last.domNodes,
    })
  }
} finally {
  await browser.close()
  server.close()
}

console.log(`JSON viewer in headless Chromium, median of ${runs} runs (each in a fresh page):`)
console.table(results)
