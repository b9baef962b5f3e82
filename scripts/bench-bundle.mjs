// Prints the gzipped size of the JavaScript the first page loads: the entry script and the
// modules it preloads, as index.html names them. Lazily loaded chunks are listed apart.
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

// Its own folder, so a bench never swaps the build that a running server serves.
const outDir = 'node_modules/.cache/bench-bundle'
execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' })

const html = readFileSync(path.join(outDir, 'index.html'), 'utf8')
const firstPage = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1])
const gz = (file) => gzipSync(readFileSync(path.join(outDir, file)), { level: 9 }).length
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`

let total = 0
console.log('First page JavaScript (gzip -9):')
for (const file of firstPage) {
  const size = gz(file)
  total += size
  console.log(`  ${file.padEnd(48)} ${kb(size)}`)
}
console.log(`  ${'total'.padEnd(48)} ${kb(total)}`)

const lazy = readdirSync(path.join(outDir, 'assets'))
  .filter((name) => name.endsWith('.js') && !firstPage.includes(`assets/${name}`))
  .map((name) => [name, gz(`assets/${name}`)])
console.log('Loaded later (gzip -9):')
for (const [name, size] of lazy) console.log(`  ${`assets/${name}`.padEnd(48)} ${kb(size)}`)
