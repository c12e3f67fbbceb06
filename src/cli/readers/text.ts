import { isUtf8 } from 'node:buffer';
import { DataError } from '../errors.js';

/**
 * Text encodings of the input: `--encoding` and what it means, the transcoding of single-byte and
 * UTF-16 input to UTF-8 (which the readers read), and the check that UTF-8 text is valid.
 *
 * The readers split lines and fields on UTF-8 bytes and decode each line (or field) on its own, so
 * an invalid UTF-8 sequence is found where it is, with its line: `Buffer#toString` turns it into
 * U+FFFD, and a U+FFFD in a decoded line sends its bytes to `isUtf8` (a U+FFFD written in the file
 * is valid UTF-8 and stays). Most lines have none: the check is one `indexOf` per line.
 * @internal
 * @module
 */

/** @internal The encodings `--encoding` names. */
export const ENCODINGS = ['utf-8', 'latin1', 'windows-1252', 'utf-16le'] as const;
/** One of {@link ENCODINGS}. */
export type Encoding = (typeof ENCODINGS)[number];

/** What to pass for a file that is not UTF-8. */
const ENCODING_HINT = 'pass --encoding latin1 (also read as windows-1252) or --encoding utf-16le for a file in another encoding';

/** The length of the valid UTF-8 sequence at `index`, or 0 when the byte there starts none. */
function sequenceAt(bytes: Buffer, index: number): number {
  const byte = bytes[index]!;
  const length = byte < 0x80 ? 1 : byte >= 0xf5 ? 0 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc2 ? 2 : 0;
  return length > 1 && !isUtf8(bytes.subarray(index, index + length)) ? 0 : length;
}

/** `CAF\xC9`: the bytes as text, each byte that starts no valid sequence as `\xHH`, at most 60 characters. */
function shownBytes(bytes: Buffer): string {
  let shown = '';
  for (let index = 0; index < bytes.length && shown.length < 60; ) {
    const length = sequenceAt(bytes, index);
    const byte = bytes[index]!;
    shown += length === 0 || byte < 0x20 ? `\\x${byte.toString(16).padStart(2, '0').toUpperCase()}` : bytes.toString('utf8', index, index + length);
    index += Math.max(1, length);
  }
  return shown;
}

/**
 * @internal `bytes[start, end)` as UTF-8 text: the text of field `field` on `line`, or of a whole
 * line (`field` 0) whose fields `delimiter` separates (none when the line is not CSV).
 * @throws {@link DataError} when the bytes are not valid UTF-8, naming the line, the field and `--encoding`.
 */
export function utf8(bytes: Buffer, start: number, end: number, line: number, field = 0, delimiter = -1): string {
  const text = bytes.toString('utf8', start, end);
  if (text.indexOf('\uFFFD') === -1 || isUtf8(bytes.subarray(start, end))) return text;
  let where = start;
  if (field === 0 && delimiter >= 0) {
    // The field of the first invalid byte.
    field = 1;
    for (let index = start; index < end; ) {
      const length = sequenceAt(bytes, index);
      if (length === 0) break;
      if (bytes[index] === delimiter) {
        field += 1;
        where = index + 1;
      }
      index += length;
    }
    const next = bytes.indexOf(delimiter, where);
    end = next === -1 || next > end ? end : next;
  }
  const shown = `"${shownBytes(bytes.subarray(where, end))}"`;
  throw new DataError(`line ${line}: the text is not valid UTF-8 (${field === 0 ? shown : `field ${field}: ${shown}`}); ${ENCODING_HINT}`);
}

/**
 * The characters of windows-1252 bytes 0x80-0x9F (the WHATWG Encoding Standard's index; the five
 * bytes it leaves to C1 controls map to themselves). Every other byte is the code point of its value.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const C1 = /[\u0080-\u009F]/g;

/**
 * Windows-1252 bytes → text. (Not `TextDecoder('windows-1252')`: since Node.js 20.18.3 and 22.13 it
 * decodes as ISO-8859-1, 0x80 as U+0080 rather than €; nodejs/node#60888.)
 */
function windows1252(chunk: Buffer): string {
  const text = chunk.toString('latin1');
  C1.lastIndex = 0;
  return C1.test(text) ? text.replace(C1, (character) => WINDOWS_1252_HIGH[character.charCodeAt(0) - 0x80]!) : text;
}

/** Line breaks counted across chunks of text: `\r\n`, `\n` and `\r` one each, as the readers number lines. */
class LineCounter {
  breaks = 0;
  #carriageReturn = false;

  add(text: string): void {
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code === 10) {
        if (!(index === 0 && this.#carriageReturn)) this.breaks += 1;
      } else if (code === 13) {
        this.breaks += 1;
      }
      if (index === text.length - 1) this.#carriageReturn = code === 13;
    }
  }
}

/**
 * @internal Bytes in `encoding` → UTF-8 bytes (UTF-8 is passed through, checked later line by line).
 * Windows-1252 cannot be invalid; UTF-16LE can (a lone surrogate, an odd last byte), which stops the
 * run naming the line. A UTF-16LE byte order mark is dropped.
 */
export async function* toUtf8(bytes: AsyncIterable<Buffer>, encoding: Encoding): AsyncGenerator<Buffer> {
  if (encoding === 'utf-8') {
    yield* bytes;
    return;
  }
  if (encoding === 'latin1' || encoding === 'windows-1252') {
    for await (const chunk of bytes) yield Buffer.from(windows1252(chunk), 'utf8');
    return;
  }
  const decoder = new TextDecoder('utf-16le', { fatal: true });
  const lines = new LineCounter();
  const decode = (chunk: Buffer | undefined): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      // Where in the chunk: the text before its first replacement character, decoded leniently.
      const lenient = chunk === undefined ? '\uFFFD' : new TextDecoder('utf-16le').decode(chunk, { stream: true });
      lines.add(lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD'))));
      throw new DataError(`line ${lines.breaks + 1}: the text is not valid UTF-16LE (a lone surrogate, or an odd number of bytes); is the file in another encoding? --encoding is utf-8, latin1, windows-1252 or utf-16le`);
    }
  };
  for await (const chunk of bytes) {
    const text = decode(chunk);
    lines.add(text);
    if (text !== '') yield Buffer.from(text, 'utf8');
  }
  const rest = decode(undefined);
  if (rest !== '') yield Buffer.from(rest, 'utf8');
}
