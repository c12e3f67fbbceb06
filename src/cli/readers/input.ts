import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DataError, UsageError } from '../errors.js';

/**
 * Opening the input: a file or standard input (`-`), gunzipped when it is gzip (by its first two
 * bytes, so `.gz` files and gzipped pipes both work), in chunks of bytes; {@link decode} makes
 * UTF-8 text of them (the CSV reader decodes its lines itself).
 * @internal
 * @module
 */

/** What kind of data the input holds (JSON Lines when the name ends in `.jsonl`/`.ndjson` or the first non-blank character is `{`). */
export type InputKind = 'jsonl' | 'csv';

/** The opened input. */
export interface Input {
  /** `jsonl` when the name ends in `.jsonl`/`.ndjson` (before `.gz`) or the first non-blank character is `{`. */
  readonly kind: InputKind;
  /** The bytes, gunzipped, in chunks; iterate them once. */
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
 * Bytes → UTF-8 text, characters split across chunks kept whole, a byte order mark dropped.
 * @internal
 */
export async function* decode(bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for await (const chunk of bytes) {
    const decoded = decoder.decode(chunk, { stream: true });
    if (decoded !== '') yield decoded;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
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
      throw new DataError(`cannot read ${path === '-' ? 'standard input' : path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (next.done === true) return;
    yield next.value;
  }
}

/**
 * Opens `path` (`-` for `stdin`) and tells JSON Lines from CSV.
 *
 * @throws {@link UsageError} when the file does not exist or is not a file.
  * @internal
 */
export async function openInput(path: string, stdin: Readable): Promise<Input> {
  let source: Readable;
  if (path === '-') {
    source = stdin;
  } else {
    const info = await stat(path).catch(() => undefined);
    if (info === undefined) throw new UsageError(`no such file: ${path}`);
    if (!info.isFile()) throw new UsageError(`not a file: ${path}`);
    source = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  }
  const iterator = reading(decompressed(source), path)[Symbol.asyncIterator]();
  // Look ahead to the first non-blank character (a BOM is blank here).
  const head: Buffer[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let first: string | undefined;
  while (first === undefined) {
    const next = await iterator.next();
    if (next.done === true) break;
    head.push(next.value);
    first = /[^\s\uFEFF]/.exec(decoder.decode(next.value, { stream: true }))?.[0];
  }
  const name = path.toLowerCase().replace(/\.gz$/, '');
  const kind: InputKind = name.endsWith('.jsonl') || name.endsWith('.ndjson') || first === '{' ? 'jsonl' : 'csv';
  return { kind, bytes: prepend(head, iterator) };
}
