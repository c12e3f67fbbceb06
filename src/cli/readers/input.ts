import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DataError, UsageError } from '../errors.js';
import { toUtf8, type Encoding } from './text.js';

/**
 * Opening the input: a file or standard input (`-`), gunzipped when it is gzip (by its first two
 * bytes, so `.gz` files and gzipped pipes both work), transcoded to UTF-8 from its `--encoding`, in
 * chunks of bytes (the readers decode their lines themselves).
 * @internal
 * @module
 */

/** What kind of data the input holds (JSON Lines when the name ends in `.jsonl`/`.ndjson` or the first non-blank character is `{`). */
export type InputKind = 'jsonl' | 'csv';

/** The opened input. */
export interface Input {
  /** `jsonl` when the name ends in `.jsonl`/`.ndjson` (before `.gz`) or the first non-blank character is `{`. */
  readonly kind: InputKind;
  /** Whether it holds nothing but white space (no header, no line). */
  readonly empty: boolean;
  /** The encoding it is read in. */
  readonly encoding: Encoding;
  /** The bytes, gunzipped and as UTF-8, in chunks; iterate them once. */
  readonly bytes: AsyncIterable<Buffer>;
}

const GZIP_MAGIC = [0x1f, 0x8b];
/** Bytes read (and gunzipped) at a time: fewer, larger chunks cost less per byte. */
const CHUNK_BYTES = 256 * 1024;

/** Yields `first`, then the rest of `iterator`. */
async function* prepend<T>(first: readonly T[], iterator: AsyncIterator<T>): AsyncGenerator<T> {
  yield* first;
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) return;
    yield next.value;
  }
}

/** The chunks of a stream as bytes (a stream of strings, such as a test's standard input, is UTF-8 encoded). */
async function* bytesOf(source: Readable): AsyncGenerator<Buffer> {
  for await (const chunk of source as AsyncIterable<Buffer | string>) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
}

/** Bytes → bytes, gunzipped when the stream starts with the gzip magic number. */
async function* decompressed(source: Readable): AsyncGenerator<Buffer> {
  const iterator = bytesOf(source);
  const head: Buffer[] = [];
  let length = 0;
  while (length < 2) {
    const next = await iterator.next();
    if (next.done === true) break;
    head.push(next.value);
    length += next.value.length;
  }
  const start = Buffer.concat(head);
  if (start[0] !== GZIP_MAGIC[0] || start[1] !== GZIP_MAGIC[1]) {
    yield* prepend(start.length === 0 ? [] : [start], iterator);
    return;
  }
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  // pipeline() destroys gunzip with any error of the source or of gunzip, which ends the loop below with it.
  pipeline(Readable.from(prepend([start], iterator)), gunzip, () => {});
  for await (const chunk of gunzip) yield chunk as Buffer;
}

/**
 * The chunks of `source`, an error in reading them (a file system error, corrupt gzip data) made a
 * {@link DataError} that names the input: what goes wrong after a chunk is read is not a read error.
 */
async function* reading(source: AsyncIterable<Buffer>, path: string): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Buffer>;
    try {
      next = await iterator.next();
    } catch (error) {
      throw new DataError(`cannot read ${inputName(path)}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (next.done === true) return;
    yield next.value;
  }
}

/** @internal How the input is named in messages. */
export function inputName(path: string): string {
  return path === '-' ? 'standard input' : path;
}

/**
 * Opens `path` (`-` for `stdin`), reads it as UTF-8 (transcoded from `encoding`), and tells JSON
 * Lines from CSV.
 *
 * @param encoding - `--encoding`; by default UTF-8, or UTF-16LE when the input starts with its byte order mark.
 * @throws {@link UsageError} when the file does not exist or is not a file; {@link DataError} for a
 * UTF-16 big-endian file, which is not read.
 * @internal
 */
export async function openInput(path: string, stdin: Readable, encoding: Encoding | undefined): Promise<Input> {
  let source: Readable;
  if (path === '-') {
    source = stdin;
  } else {
    const info = await stat(path).catch(() => undefined);
    if (info === undefined) throw new UsageError(`no such file: ${path}`);
    if (!info.isFile()) throw new UsageError(`not a file: ${path}`);
    source = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  }
  const raw = reading(decompressed(source), path)[Symbol.asyncIterator]();
  // The first two bytes, for a UTF-16 byte order mark.
  const start: Buffer[] = [];
  for (let length = 0; length < 2; ) {
    const next = await raw.next();
    if (next.done === true) break;
    start.push(next.value);
    length += next.value.length;
  }
  const [first, second] = Buffer.concat(start);
  if (first === 0xfe && second === 0xff) throw new DataError(`${inputName(path)}: the file is UTF-16 big-endian (it starts with the byte order mark FE FF), which is not read; save it as UTF-8 or UTF-16LE`);
  const chosen = encoding ?? (first === 0xff && second === 0xfe ? 'utf-16le' : 'utf-8');
  const iterator = toUtf8(prepend(start, raw), chosen)[Symbol.asyncIterator]();
  // Look ahead to the first non-blank character (a BOM is blank here).
  const head: Buffer[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let character: string | undefined;
  while (character === undefined) {
    const next = await iterator.next();
    if (next.done === true) break;
    head.push(next.value);
    character = /[^\s\uFEFF]/.exec(decoder.decode(next.value, { stream: true }))?.[0];
  }
  const name = path.toLowerCase().replace(/\.gz$/, '');
  const kind: InputKind = name.endsWith('.jsonl') || name.endsWith('.ndjson') || character === '{' ? 'jsonl' : 'csv';
  return { kind, empty: character === undefined, encoding: chosen, bytes: prepend(head, iterator) };
}
