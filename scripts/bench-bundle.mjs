// Prints the gzipped size of the JavaScript the first page loads, each as a ratio against a bare
// React build (createRoot and one component) made in the same run, so the figures travel between
// machines and versions. Two figures, as the first page loads its code in two steps:
//  - the entry: the script index.html names and the modules it preloads (React, the router, the
//    route table); the budget is 1.45 × bare React;
//  - the whole first page (the Automations list): the entry plus the chunks it loads at once,
//    the data layer (src/app/app-data.tsx) and the list's page, with everything they import.
// Beside them, what TanStack Router, TanStack Query and zod/mini cost alone over the same bare
// React: no first page that routes, caches and parses with them can be smaller than their sum.
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

// No JSX, so these builds need no plugin and no config of their own.
async function bareBuild(name, imports, body) {
  const root = `${bareRoot}-${name}`
  mkdirSync(root, { recursive: true })
  writeFileSync(path.join(root, 'index.html'), '<div id="root"></div><script type="module" src="./main.js"></script>\n')
  writeFileSync(
    path.join(root, 'main.js'),
    `import { createElement, StrictMode, useState } from 'react'
import { createRoot } from 'react-dom/client'
${imports}
function App() {
  const [count, setCount] = useState(0)
  return createElement('button', { onClick: () => setCount(count + 1) }, count)
}
${body}
`,
  )
  const out = path.resolve(`${bareOut}-${name}`)
  // 'error': the libraries' "use client" directives warn, and mean nothing in a browser build.
  await build({ configFile: false, root, build: { outDir: out, emptyOutDir: true }, logLevel: 'error' })
  return out
}
const render = (element) => `createRoot(document.getElementById('root')).render(createElement(StrictMode, null, ${element}))`
const bareDir = await bareBuild('react', '', render('createElement(App)'))
// What each library of the first page costs on its own, over the same bare React: the floor
// under any first page that routes, caches queries and parses responses.
const libraryDirs = {
  'TanStack Router (two routes, a blocker)': await bareBuild(
    'router',
    "import { createRootRoute, createRoute, createRouter, Outlet, RouterProvider, useBlocker } from '@tanstack/react-router'",
    `const root = createRootRoute({ component: () => { useBlocker({ shouldBlockFn: () => false }); return createElement(Outlet) } })
const list = createRoute({ getParentRoute: () => root, path: '/', validateSearch: (search) => ({ tab: search.tab }), component: App })
const page = createRoute({ getParentRoute: () => root, path: 'a/$id', component: App })
${render('createElement(RouterProvider, { router: createRouter({ routeTree: root.addChildren([list, page]) }) })')}`,
  ),
  'TanStack Query (a query, a mutation)': await bareBuild(
    'query',
    "import { QueryClient, QueryClientProvider, useMutation, useQuery } from '@tanstack/react-query'",
    `function Data() {
  const query = useQuery({ queryKey: ['a'], queryFn: async () => 1 })
  const mutation = useMutation({ mutationFn: async () => 2 })
  return createElement('p', { onClick: () => mutation.mutate() }, query.data)
}
${render('createElement(QueryClientProvider, { client: new QueryClient() }, createElement(Data))')}`,
  ),
  'zod/mini (an object schema, parsed)': await bareBuild(
    'zod',
    "import * as z from 'zod/mini'",
    `const schema = z.object({ a: z.string(), b: z.nullable(z.number()), c: z.array(z.enum(['x', 'y'])), d: z.looseObject({ e: z.union([z.string(), z.number()]) }) })
${render("createElement('p', null, JSON.stringify(schema.safeParse(globalThis.input)))")}`,
  ),
}

const gz = (dir, file) => gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
const entryFiles = (dir) =>
  [...readFileSync(path.join(dir, 'index.html'), 'utf8').matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1])

const sizeOf = (dir) => entryFiles(dir).reduce((sum, file) => sum + gz(dir, file), 0)
const bare = sizeOf(bareDir)
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
console.log('Each library of the first page alone, over bare React (gzip -9):')
for (const [name, dir] of Object.entries(libraryDirs)) {
  const extra = sizeOf(dir) - bare
  console.log(`  ${name.padEnd(48)} +${kb(extra).padStart(7)}  +${(extra / bare).toFixed(2)}×`)
}
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
const floor = Object.values(libraryDirs).reduce((sum, dir) => sum + sizeOf(dir) - bare, bare)
console.log(`  ${'of which React and the three libraries alone'.padEnd(48)} ${kb(floor).padStart(8)}  ${ratio(floor)} bare React`)
console.log(
  `  ${'of which the app’s own code and glue'.padEnd(48)} ${kb(firstPageSize - floor).padStart(8)}  +${((firstPageSize - floor) / bare).toFixed(2)}×`,
)

const later = readdirSync(path.join(outDir, 'assets')).filter((name) => name.endsWith('.js') && !firstPage.has(`assets/${name}`))
console.log('Loaded later, by other pages (gzip -9):')
for (const name of later) console.log(`  ${`assets/${name}`.padEnd(48)} ${kb(gz(outDir, `assets/${name}`))}`)
