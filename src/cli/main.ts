#!/usr/bin/env node
// The `xsell-kpi` command (package.json `bin`): `xsell-kpi report <file|-> [options]`; see
// `xsell-kpi --help`. The library entry (src/index.ts) never imports anything under src/cli/.
import { main } from './run.js';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // The reader went away (`xsell-kpi report ... | head`): stop quietly.
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
