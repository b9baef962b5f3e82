// Prints the gzipped size of the JavaScript the first page loads, each as a ratio against a bare
// React build (createRoot and one component) made in the same run, so the figures travel between
// machines and versions. Two figures, as the first page loads its code in two steps:
//  - the entry: the script index.html names and the modules it preloads (React, the router, the
//    route table); the budget is 1.45 × bare React;
//  - the whole first page (the Automations list): the entry plus the chunks it loads at once,
//    the data layer (src/app/app-data.tsx) and the list's page, with everything they import.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'

// Its own folder, so a bench never swaps the build that a running server serves.
const outDir = 'node_modules/.cache/bench-bundle'
const bareRoot = 'node_modules/.cache/bench-bundle-bare-src'
const bareOut = 'node_modules/.cache/bench-bundle-bare'
const firstPageChunks = ['src/app/app-data.tsx', 'src/app/automations-page.tsx']

await build({ build: { outDir, emptyOutDir: true, manifest: true }, logLevel: 'warn' })

// No JSX, so the bare build needs no plugin and no config of its own.
mkdirSync(bareRoot, { recursive: true })
writeFileSync(path.join(bareRoot, 'index.html'), '<div id="root"></div><script type="module" src="./main.js"></script>\n')
writeFileSync(
  path.join(bareRoot, 'main.js'),
  `import { createElement, StrictMode, useState } from 'react'
import { createRoot } from 'react-dom/client'
function App() {
  const [count, setCount] = useState(0)
  return createElement('button', { onClick: () => setCount(count + 1) }, count)
}
createRoot(document.getElementById('root')).render(createElement(StrictMode, null, createElement(App)))
`,
)
await build({ configFile: false, root: bareRoot, build: { outDir: path.resolve(bareOut), emptyOutDir: true }, logLevel: 'warn' })

const gz = (dir, file) => gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
const entryFiles = (dir) =>
  [...readFileSync(path.join(dir, 'index.html'), 'utf8').matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1])

const bare = entryFiles(bareOut).reduce((sum, file) => sum + gz(bareOut, file), 0)
const ratio = (bytes) => `${(bytes / bare).toFixed(2)}×`

const entry = entryFiles(outDir)
const manifest = JSON.parse(readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8'))
// A chunk and everything it imports statically, as the browser fetches them.
function withImports(key, into = new Set()) {
  const chunk = manifest[key]
  if (!chunk || into.has(chunk.file)) return into
  into.add(chunk.file)
  for (const imported of chunk.imports ?? []) withImports(imported, into)
  return into
}
const firstPage = new Set(entry)
for (const key of firstPageChunks) withImports(key, firstPage)

const entrySize = entry.reduce((sum, file) => sum + gz(outDir, file), 0)
console.log(`Bare React (createRoot + one component), gzip -9: ${kb(bare)}`)
console.log('Entry JavaScript (gzip -9):')
for (const file of entry) console.log(`  ${file.padEnd(48)} ${kb(gz(outDir, file))}`)
console.log(`  ${'entry total'.padEnd(48)} ${kb(entrySize).padStart(8)}  ${ratio(entrySize)} bare React (budget 1.45×)`)

let firstPageSize = 0
console.log('The first page (Automations list), entry and the chunks it loads at once (gzip -9):')
for (const file of firstPage) {
  const size = gz(outDir, file)
  firstPageSize += size
  if (!entry.includes(file)) console.log(`  ${file.padEnd(48)} ${kb(size)}`)
}
console.log(`  ${'first page total'.padEnd(48)} ${kb(firstPageSize).padStart(8)}  ${ratio(firstPageSize)} bare React`)

const later = readdirSync(path.join(outDir, 'assets')).filter((name) => name.endsWith('.js') && !firstPage.has(`assets/${name}`))
console.log('Loaded later, by other pages (gzip -9):')
for (const name of later) console.log(`  ${`assets/${name}`.padEnd(48)} ${kb(gz(outDir, `assets/${name}`))}`)
