/**
 * Text for a terminal: the columns a string takes, padding and cutting by them, wrapping words.
 * @internal
 * @module
 */

/** Code points that take two columns in a terminal (East Asian wide and fullwidth, emoji). */
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u;
/** Code points that take none (combining marks and variation selectors, zero-width spaces and joiners). */
const ZERO = /[\p{M}\u200B-\u200F]/u;

function columnsOf(char: string): number {
  return ZERO.test(char) ? 0 : WIDE.test(char) ? 2 : 1;
}

/** @internal The columns `text` takes in a terminal. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += columnsOf(char);
  return width;
}

/** @internal `text` cut to at most `width` columns, ending in `…` when cut. */
export function truncate(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const columns = columnsOf(char);
    if (used + columns > width - 1) break;
    out += char;
    used += columns;
  }
  return `${out}…`;
}

/** @internal `text` padded with spaces to `width` columns, on the right (`left` aligned) or on the left. */
export function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - textWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/**
 * @internal A paragraph wrapped to lines of at most `width` columns, the lines after the first
 * indented by `indent` spaces; a word longer than a line is cut across lines.
 */
export function wrap(text: string, width: number, indent = 2): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((item) => item !== '')) {
    const room = width - (lines.length === 0 ? 0 : indent);
    if (line !== '' && textWidth(line) + 1 + textWidth(word) <= room) {
      line += ` ${word}`;
      continue;
    }
    if (line !== '') lines.push(line);
    line = word;
    // A word wider than a whole line: cut it.
    while (textWidth(line) > width - (lines.length === 0 ? 0 : indent)) {
      const limit = width - (lines.length === 0 ? 0 : indent);
      let head = '';
      let used = 0;
      let rest = '';
      for (const char of line) {
        if (rest === '' && used + columnsOf(char) <= limit) {
          head += char;
          used += columnsOf(char);
        } else rest += char;
      }
      lines.push(head);
      line = rest;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines.map((item, index) => (index === 0 ? item : ' '.repeat(indent) + item));
}

/**
 * @internal A heading on one line or two, whichever makes the column narrower (`cellWidth`: its
 * widest cell): split at the space that makes the longer line shortest.
 */
export function headingLines(label: string, cellWidth: number): string[] {
  let best = [label];
  let bestWidth = Math.max(textWidth(label), cellWidth);
  for (let index = label.indexOf(' '); index >= 0; index = label.indexOf(' ', index + 1)) {
    const lines = [label.slice(0, index), label.slice(index + 1)];
    const width = Math.max(cellWidth, ...lines.map(textWidth));
    if (width < bestWidth) {
      best = lines;
      bestWidth = width;
    }
  }
  return best;
}
