import { mulberry32 } from '../../examples/support/random.js';

/** A permutation of `items` by a seeded generator (mulberry32, Fisher–Yates), the same on every run. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const out = [...items];
  for (let index = out.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [out[index], out[other]] = [out[other]!, out[index]!];
  }
  return out;
}

/** A CSV text with its data lines in a seeded random order, the header first, a final line break. */
export function shuffledCsv(text: string, seed: number): string {
  const [header, ...lines] = text.trimEnd().split('\n');
  return `${[header, ...shuffled(lines, seed)].join('\n')}\n`;
}
