// Writes docs/report.png, the README's picture of the HTML report: `npm run screenshot`.
//
// The report of examples/data/orders.csv by channel (`xsell-kpi report examples/data/orders.csv
// --grain month --time-zone Europe/Berlin --group-by channel --format html`, run in this process from
// src/), opened from a file in Debian's headless Chromium (/usr/bin/chromium, or --chromium <path>)
// through playwright-core, 1280 pixels wide in light mode; the picture is the page's top (the data
// summary and the first charts), --height pixels of it. Run it again when the page's look changes;
// the tests (test/html) take their own screenshots in a temporary folder.
//
//   npx tsx scripts/screenshot.ts [--out docs/report.png] [--height 900] [--dark] [--chromium /usr/bin/chromium]
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { main } from '../src/cli/run.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, 'docs', 'report.png') },
    height: { type: 'string', default: '900' },
    dark: { type: 'boolean', default: false },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});

// From the repository's root, so that the page names the input as the README's command does.
process.chdir(root);
const args = ['report', 'examples/data/orders.csv', '--grain', 'month', '--time-zone', 'Europe/Berlin', '--group-by', 'channel', '--format', 'html'];
let html = '';
const stdout = new PassThrough();
stdout.on('data', (chunk: Buffer) => (html += chunk.toString()));
const stderr = new PassThrough();
stderr.pipe(process.stderr);
const code = await main(args, { stdin: Readable.from([]), stdout, stderr });
if (code !== 0) throw new Error(`xsell-kpi ${args.join(' ')} exited with ${code}`);

const folder = mkdtempSync(join(tmpdir(), 'xsell-screenshot-'));
try {
  const file = join(folder, 'report.html');
  writeFileSync(file, html);
  const browser = await chromium.launch({ executablePath: values.chromium, headless: true, chromiumSandbox: false, args: ['--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: Number(values.height) }, colorScheme: values.dark ? 'dark' : 'light' });
    await page.goto(pathToFileURL(file).href);
    await page.screenshot({ path: values.out });
  } finally {
    await browser.close();
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
console.log(`wrote ${relative(root, values.out) || values.out} (${statSync(values.out).size.toLocaleString('en-US')} bytes)`);
