#!/usr/bin/env node
// Peak RSS of the built CLI (dist/cli.js) over generated CSVs of growing size: reading is
// streaming, so the peak should not grow with the file, only with the Scorecard's own state.
//
//   npm run build && node bench/cli-memory.mjs [--lines 500000,2000000] [--customers 5000] [--heap-limit 64]
//
// Each file holds a year (2025) of order lines of a fixed pool of customers and products, in time
// order, wall-clock timestamps read in Europe/Berlin: a longer file has more orders of the same
// customers in the same months, so the Scorecard's state (per month: the active customers and each
// KPI's aggregates) is the same size for every file once every customer shows up in every month.
// What still grows with the number of orders is the table of order ids read (16 bytes an order),
// which catches an order id that comes back after other orders.
//
// With --heap-limit N, each file is read once more with node --max-old-space-size=N: the run
// completes when the live JavaScript heap stays under N MB all along, whatever the file's size.
//
// Files go to .tmp/bench-cli/ (kept, to be reused; delete them when done). Each run is a fresh
// `node dist/cli.js report <file> --format json` process whose peak RSS is read from
// process.resourceUsage().maxRSS when it exits. Timings are for information: the machine may be busy.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: { lines: { type: 'string', default: '500000,2000000' }, customers: { type: 'string', default: '5000' }, 'heap-limit': { type: 'string' } },
});
const heapLimit = values['heap-limit'] === undefined ? undefined : Number(values['heap-limit']);
const sizes = values.lines.split(',').map(Number);
const customers = Number(values.customers);
const bin = join(root, 'dist', 'cli.js');
if (!existsSync(bin)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(1);
}
const folder = join(root, '.tmp', 'bench-cli');
mkdirSync(folder, { recursive: true });

function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (value, width = 2) => String(value).padStart(width, '0');

/** Writes `lines` order lines (1 to 5 per order) spread evenly over 2025. */
async function generate(file, lines) {
  const random = mulberry32(lines);
  const out = createWriteStream(file);
  const write = (text) => (out.write(text) ? undefined : new Promise((resolve) => out.once('drain', resolve)));
  await write('order_id,customer_id,timestamp,sku,category,quantity,unit_price,discount,currency,channel,segment,source\n');
  const start = Date.UTC(2025, 0, 1);
  const span = Date.UTC(2026, 0, 1) - start - 1;
  let written = 0;
  let order = 0;
  while (written < lines) {
    order += 1;
    const size = Math.min(lines - written, 1 + Math.floor(random() * random() * 5));
    const wall = new Date(start + Math.floor((written / lines) * span));
    const timestamp = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
    const customer = `C${pad(1 + Math.floor(random() * customers), 6)}`;
    const channel = random() < 0.6 ? 'web' : random() < 0.5 ? 'store' : 'app';
    let text = '';
    for (let line = 0; line < size; line++) {
      const product = Math.floor(random() * 200);
      const source = line === 0 ? '' : random() < 0.5 ? 'cross-sell' : random() < 0.3 ? 'upsell' : 'organic';
      text += `O${pad(order, 8)},${customer},${timestamp},SKU-${pad(product, 3)},cat-${product % 12},${1 + Math.floor(random() * 3)},${(5 + product * 1.25).toFixed(2)},,EUR,${channel},${product % 2 ? 'b2c' : 'b2b'},${source}\n`;
    }
    written += size;
    await write(text);
  }
  await new Promise((resolve) => out.end(resolve));
  return order;
}

const hook = 'data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss_kb "+process.resourceUsage().maxRSS+"\\n"))';
const rows = [];
for (const lines of sizes) {
  const file = join(folder, `orders-${lines}.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file} ...\n`);
    await generate(file, lines);
  }
  const run = (flags) => {
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, [...flags, '--import', hook, bin, 'report', file, '--time-zone', 'Europe/Berlin', '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rss = /maxrss_kb (\d+)/.exec(child.stderr);
    return { child, seconds, rss: rss === null ? Number.NaN : Number(rss[1]) / 1024 };
  };
  const { child, seconds, rss } = run([]);
  if (child.status !== 0) {
    console.error(child.stderr);
    process.exit(1);
  }
  const report = JSON.parse(child.stdout);
  const limited = heapLimit === undefined ? undefined : run([`--max-old-space-size=${heapLimit}`]);
  rows.push({
    lines,
    size: statSync(file).size / 1024 / 1024,
    orders: report.totals.read.orders,
    customers: report.totals.read.customers,
    rss,
    seconds,
    limited: limited === undefined ? '' : limited.child.status === 0 ? `ok, peak RSS ${limited.rss.toFixed(0)} MB` : 'out of memory',
  });
}

console.log(`\nPeak RSS of \`xsell-kpi report <file> --format json\` (node ${process.version}, ${customers} customers, 2025 by month)\n`);
const limitTitle = heapLimit === undefined ? '' : ` --max-old-space-size=${heapLimit} |`;
console.log(`| lines | file MB | orders | customers | peak RSS MB | seconds | lines/s |${limitTitle}`);
console.log(`|---:|---:|---:|---:|---:|---:|---:|${heapLimit === undefined ? '' : '---|'}`);
for (const row of rows) {
  console.log(
    `| ${row.lines.toLocaleString('en-US')} | ${row.size.toFixed(0)} | ${row.orders.toLocaleString('en-US')} | ${row.customers.toLocaleString('en-US')} | ${row.rss.toFixed(0)} | ${row.seconds.toFixed(1)} | ${Math.round(row.lines / row.seconds).toLocaleString('en-US')} |${heapLimit === undefined ? '' : ` ${row.limited} |`}`,
  );
}
