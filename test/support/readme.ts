import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Splits a command line as a POSIX shell does words (quotes, no expansions). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const match of line.matchAll(/'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g)) words.push(match[1] ?? match[2]?.replace(/\\(.)/g, '$1') ?? match[3]!);
  return words;
}

/**
 * The README's Online Retail command (its lines joined at their trailing backslashes), as
 * arguments after `xsell-kpi`. Throws when the README no longer shows it.
 */
export function readmeOnlineRetailCommand(repoRoot: string): string[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('npx xsell-kpi report online_retail.csv.gz');
  if (start < 0) throw new Error('the README no longer shows the Online Retail command (npx xsell-kpi report online_retail.csv.gz …)');
  const lines: string[] = [];
  for (const line of readme.slice(start).split('\n')) {
    lines.push(line.replace(/\\$/, ''));
    if (!line.endsWith('\\')) break;
  }
  return shellWords(lines.join(' ')).slice(2);
}
